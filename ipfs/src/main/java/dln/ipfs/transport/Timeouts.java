package dln.ipfs.transport;

import java.time.Duration;

/**
 * How long the transport waits, by kind of call. Content the node holds starts within
 * milliseconds and small calls answer quickly, while an upload or a pin may legitimately take
 * minutes: one timeout for all would be either too short for transfers or too long for finding
 * out that content is missing.
 *
 * @param connect  how long to wait for a TCP connection
 * @param request  how long a small call may take until the answer begins, and how long any
 *                 read of an answer may wait for the next byte
 * @param find     how long a cat may wait for the node to start delivering content
 * @param transfer how long an add or a pin add may take until the node answers
 */
public record Timeouts(Duration connect, Duration request, Duration find, Duration transfer) {
    /**
     * Checks every timeout is positive.
     *
     * @param connect  TCP connection
     * @param request  small calls and idle reads
     * @param find     start of content delivery
     * @param transfer uploads and pins
     */
    public Timeouts {
        positive(connect, "connect");
        positive(request, "request");
        positive(find, "find");
        positive(transfer, "transfer");
    }

    private static void positive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " timeout must be positive");
        }
    }
}
