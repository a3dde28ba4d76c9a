package dln.ipfs;

import dln.ipfs.cid.Cid;

/**
 * Bytes did not hash to the CID they were supposed to have: the content read from the node is
 * corrupt, truncated or not what was asked for, or the node imported a file with a layout
 * other than {@link dln.ipfs.cid.ImportLayout}. Discard whatever was read.
 */
public final class CidMismatchException extends IpfsException {
    private static final long serialVersionUID = 1L;

    private final transient Cid expected;
    private final transient Cid actual;

    /**
     * @param message  what was being checked, both CIDs, and what to do
     * @param expected the CID the bytes should have
     * @param actual   the CID the bytes have (or the node claims they have)
     */
    public CidMismatchException(String message, Cid expected, Cid actual) {
        super(message, null);
        this.expected = expected;
        this.actual = actual;
    }

    /** @return the CID the content should have had */
    public Cid expected() {
        return expected;
    }

    /** @return the CID of the content actually seen */
    public Cid actual() {
        return actual;
    }
}
