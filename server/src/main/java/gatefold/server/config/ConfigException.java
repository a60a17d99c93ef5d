package gatefold.server.config;

/**
 * A setting the operator must fix. The message is one line that names the variable and
 * the fix; {@code gatefold serve} prints it and exits without a stack trace.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
