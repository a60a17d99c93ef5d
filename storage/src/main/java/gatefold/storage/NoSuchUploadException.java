package gatefold.storage;

public class NoSuchUploadException extends StoreException {
    public NoSuchUploadException(String message) {
        super(message);
    }

    public NoSuchUploadException(String message, Throwable cause) {
        super(message, cause);
    }
}
