package dln.core.protocol;

/** A session step that cannot go on, with the condition's name and what to do about it. */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String code;

    public ProtocolException(final String code, final String message) {
        super(message);
        this.code = code;
    }

    public ProtocolException(final String code, final String message, final Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
