package gatefold.storage;

/** A presigned link that was not signed by this store, or was changed after signing. */
public class InvalidSignatureException extends StoreException {
    public InvalidSignatureException() {
        super("invalid signature");
    }
}
