package dln.ipfs.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reading streams the way callers do, keeping what was delivered before a failure. */
public final class Reads {
    private Reads() {
    }

    /**
     * Reads everything in reads of {@code readSize}, then closes.
     *
     * @return the failure of a read or of close, or null if there was none
     */
    public static IOException drain(InputStream in, ByteArrayOutputStream delivered, int readSize) {
        byte[] buffer = new byte[readSize];
        try (in) {
            int n;
            while ((n = in.read(buffer, 0, readSize)) >= 0) {
                delivered.write(buffer, 0, n);
            }
            return null;
        } catch (IOException e) {
            return e;
        }
    }
}
