package gatefold.storage;

/** Something the store refused or could not do; the message is safe to show an operator. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
