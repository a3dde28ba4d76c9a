package dln.core.data;

/** A dataset file (cache, fragment or CSV) is malformed; the message says where. */
public class DatasetFormatException extends RuntimeException {
    public DatasetFormatException(String message) {
        super(message);
    }

    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
