package dln.bench.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One kill -9: the process (its pid file's name), its kind, when, and how long the supervisor
 * took to start a new process ({@code null}: not seen back within the killer's patience). A new
 * live pid, not yet a healthy server: the chaincode server's JVM listens some seconds later.
 */
public record Kill(String process, String kind, Instant at, Duration restartedAfter) {

    /** The kind of a network process from its pid file's name: orderer, peer, ipfs or chaincode; empty for others. */
    public static String kindOf(final String process) {
        for (final String kind : new String[] {"orderer", "peer", "ipfs", "chaincode"}) {
            if (process.startsWith(kind)) {
                return kind;
            }
        }
        return "";
    }
}
