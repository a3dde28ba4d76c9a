package dln.ipfs;

import dln.ipfs.cid.Cid;

/**
 * The node did not start delivering a CID's content within the client's find timeout: it does
 * not hold the content and could not get it from the nodes it reaches. Not retried: a CID that
 * names nothing (a forged update, say) would otherwise hold its reader for minutes.
 */
public final class ContentNotFoundException extends IpfsException {
    private static final long serialVersionUID = 1L;

    private final transient Cid cid;

    /**
     * @param message what was looked for, for how long, and what to check
     * @param cid     the content that was not found
     * @param cause   the client's timeout
     */
    public ContentNotFoundException(String message, Cid cid, Throwable cause) {
        super(message, cause);
        this.cid = cid;
    }

    /** @return the CID whose content was not found */
    public Cid cid() {
        return cid;
    }
}
