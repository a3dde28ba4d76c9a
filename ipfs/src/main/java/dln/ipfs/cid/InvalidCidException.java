package dln.ipfs.cid;

/**
 * A string or byte sequence is not a CID this project can use. The message names the input
 * and what is wrong with it.
 */
public final class InvalidCidException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and, where it helps, what a valid value looks like
     */
    public InvalidCidException(String message) {
        super(message);
    }
}
