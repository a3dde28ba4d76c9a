package dln.ipfs.transport;

import dln.ipfs.CidMismatchException;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.IpfsException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.RetryPolicy;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.FileSystemException;
import java.time.Duration;

/**
 * Repeats attempts that failed for a transient reason, under a {@link RetryPolicy}, and reports
 * exhaustion as {@link IpfsUnavailableException}. Refusals, mismatches, missing content and
 * interruptions end at once: repeating them would fail the same way, or hold the caller for
 * nothing.
 *
 * @param policy attempts and backoff
 * @param api    the node's API base, named in the message when it stays unreachable
 */
record Retrier(RetryPolicy policy, URI api) {

    /**
     * Runs under the policy; a failure that is neither transient nor an {@link IpfsException}
     * is reported as one, so callers see only the client's exception types.
     */
    <T> T run(String what, Attempt<T> attempt) throws IpfsException {
        try {
            return loop(policy, what, attempt);
        } catch (IpfsException e) {
            throw e;
        } catch (IOException e) {
            throw new IpfsException(what + ": " + e.getMessage(), e);
        }
    }

    /**
     * Runs once, for attempts that cannot be repeated (a stream upload); a transient failure is
     * still reported as {@link IpfsUnavailableException}, other failures pass unchanged.
     */
    <T> T once(String what, Attempt<T> attempt) throws IOException {
        return loop(RetryPolicy.NONE, what, attempt);
    }

    private <T> T loop(RetryPolicy p, String what, Attempt<T> attempt) throws IOException {
        final long start = System.nanoTime();
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (IpfsCommandException | CidMismatchException | ContentNotFoundException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                if (!isTransient(e)) {
                    throw e;
                }
                final Duration pause = p.backoff(n);
                if (!p.allowsAnother(n, start, pause)) {
                    throw new IpfsUnavailableException(what + ": the Kubo RPC API at " + api + " failed " + n
                            + (n == 1 ? " time" : " times") + ", last with: " + describe(e)
                            + ". Check that the IPFS daemon is running and that " + ApiAddress.ENV
                            + " names its API address (Addresses.API, port 5001 by default)", e);
                }
                pause(pause);
            }
        }
    }

    // Local file problems are not the node's fault and will not heal by retrying.
    static boolean isTransient(IOException e) {
        return !(e instanceof FileSystemException) && !(e.getCause() instanceof FileSystemException)
                && (e instanceof IpfsUnavailableException || !(e instanceof IpfsException));
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : " (" + m + ")");
    }

    private static void pause(Duration d) throws InterruptedIOException {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }
}
