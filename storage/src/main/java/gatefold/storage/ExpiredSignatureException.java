package gatefold.storage;

/** A genuine presigned link whose lifetime is over. */
public class ExpiredSignatureException extends StoreException {
    public ExpiredSignatureException() {
        super("expired");
    }
}
