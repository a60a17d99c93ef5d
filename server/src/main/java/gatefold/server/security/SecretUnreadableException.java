package gatefold.server.security;

/** A stored secret that the current master key cannot open: the key changed or the value was tampered with. */
public class SecretUnreadableException extends RuntimeException {
    public SecretUnreadableException(String label) {
        super("the stored secret '" + label + "' cannot be decrypted with this master key;"
                + " set GATEFOLD_SECRET_KEY (or secret.key in the data dir) to the key it was written with");
    }
}
