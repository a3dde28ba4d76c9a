package dln.bench.chaos;

import java.time.Duration;
import java.time.Instant;

/**
 * One kill -9: the process (its pid file's name), its kind, when, and how long its supervisor
 * took to start a new process ({@code null}: not seen back within the killer's patience). A new
 * live pid, not yet a healthy server: the chaincode server's JVM listens some seconds later.
 * {@code workDone}: a client killed after its last step, which its supervisor rightly left
 * stopped (the ledger held all its work); it needs no restart.
 */
public record Kill(String process, String kind, Instant at, Duration restartedAfter, boolean workDone) {

    /** Every kind of process the bench can kill: the network's, then the clients'. */
    public static final java.util.List<String> KINDS = java.util.List.of("orderer", "peer", "ipfs", "chaincode", "provider", "committee");

    /** A client program (provider or committee member), which the bench itself restarts. */
    public static boolean isClient(final String kind) {
        return kind.equals("provider") || kind.equals("committee");
    }

    /** Back, or rightly left stopped. */
    public boolean recovered() {
        return restartedAfter != null || workDone;
    }

    /** The kind of a process from its pid file's name: one of {@link #KINDS}; empty for others. */
    public static String kindOf(final String process) {
        for (final String kind : KINDS) {
            if (process.startsWith(kind)) {
                return kind;
            }
        }
        return "";
    }
}
