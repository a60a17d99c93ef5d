package gatefold.storage;

public class InvalidPartException extends StoreException {
    public InvalidPartException(String message) {
        super(message);
    }

    public InvalidPartException(String message, Throwable cause) {
        super(message, cause);
    }
}
