package dln.core.role;

import dln.api.LedgerEvents;
import dln.api.LedgerException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A role's read between its steps, waited out through a ledger outage: a peer or the chaincode
 * server restarting past the transport's retries is a reason to look again later, not to exit
 * (which would leave a round short of this participant). A refusal is still thrown.
 */
final class OutageWait {
    private OutageWait() {
    }

    /**
     * @param seen    the events' generation read before the read, so an event during the wait wakes it
     * @param waiting told what happened, in one line
     * @return what was read, or empty after an outage and a wait of at most {@code recheck}
     * @throws LedgerException if the ledger refused the read
     */
    static <T> Optional<T> read(final Supplier<T> read, final LedgerEvents events, final long seen, final Duration recheck,
                                final Consumer<String> waiting) throws InterruptedException {
        try {
            return Optional.of(read.get());
        } catch (LedgerException e) {
            if (!e.isOutage()) {
                throw e;
            }
            waiting.accept("the ledger is unavailable (" + e.getMessage() + "); looking again in " + recheck.toSeconds() + " s");
            events.awaitAfter(seen, recheck);
            return Optional.empty();
        }
    }
}
