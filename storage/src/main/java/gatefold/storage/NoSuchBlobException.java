package gatefold.storage;

public class NoSuchBlobException extends StoreException {
    public NoSuchBlobException(String message) {
        super(message);
    }

    public NoSuchBlobException(String message, Throwable cause) {
        super(message, cause);
    }
}
