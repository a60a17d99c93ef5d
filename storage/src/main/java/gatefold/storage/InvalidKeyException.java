package gatefold.storage;

public class InvalidKeyException extends IllegalArgumentException {
    public InvalidKeyException(String message) {
        super(message);
    }

    public InvalidKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
