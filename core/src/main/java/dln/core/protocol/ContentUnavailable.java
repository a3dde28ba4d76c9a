package dln.core.protocol;

import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsUnavailableException;
import java.io.IOException;

/**
 * A committee member could not fetch content an update needs: not found within the find timeout,
 * its IPFS node unreachable after the retry policy, or still being looked for when its pass
 * stopped waiting ({@link dln.core.storage.BackgroundFetches.StillFetching}: no verdict at all). That says nothing of the update, so it is
 * never a score; the member retries on later passes and, past its patience, records the score
 * unavailable.
 */
public final class ContentUnavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ContentUnavailable(final String cid, final IOException cause) {
        super("cannot fetch " + cid + ": " + cause.getMessage(), cause);
    }

    /**
     * Whether {@code e} says the content is still being looked for in the background: no verdict
     * at all, not even the start of a patience (see {@link #causeOf}).
     */
    public static boolean stillFetching(final Throwable e) {
        return causeOf(e) instanceof dln.core.storage.BackgroundFetches.StillFetching;
    }

    /** The outage somewhere in {@code e}'s causes, or null when {@code e} is about something else. */
    public static IOException causeOf(final Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContentNotFoundException || t instanceof IpfsUnavailableException
                    || t instanceof dln.core.storage.BackgroundFetches.StillFetching) {
                return (IOException) t;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return null;
    }
}
