package gatefold.storage;

public class LengthMismatchException extends StoreException {
    public LengthMismatchException(String message) {
        super(message);
    }

    public LengthMismatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
