package dln.core.weights;

/** A weight file is malformed, truncated, oversized, non-finite or for another architecture. */
public class WeightFormatException extends RuntimeException {
    public WeightFormatException(String message) {
        super(message);
    }

    public WeightFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
