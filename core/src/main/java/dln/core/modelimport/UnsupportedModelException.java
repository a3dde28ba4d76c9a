package dln.core.modelimport;

/**
 * A model file dln cannot take: the message is one line naming the file and, where there is one,
 * the first layer it cannot map and why. An {@link IllegalArgumentException}, so the clients
 * report it as the user's error (exit code 1).
 */
public final class UnsupportedModelException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** A refusal with its one-line reason. */
    public UnsupportedModelException(final String message) {
        super(message);
    }
}
