package dln.api;

import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * "Something changed on the ledger": a counter that grows with every chaincode event, so a
 * waiter re-reads the ledger within one block instead of within a polling interval. Events say
 * nothing more; callers always re-read.
 */
public interface LedgerEvents {

    /** How many events have arrived so far; pass it to {@link #awaitAfter} to wait for the next. */
    long generation();

    /** Blocks until an event newer than {@code seen} arrives or {@code timeout} passes. */
    void awaitAfter(long seen, Duration timeout) throws InterruptedException;

    /**
     * The events of the transactions {@code wanted} accepts, by the names of the changes each
     * made ({@link EventName}, as the chaincode lists them in its event): a waiter with nothing to
     * do after the others is not woken by them. The view counts on its own; pass its own
     * {@link #generation()} to its {@link #awaitAfter}. A source that cannot tell changes apart
     * returns itself, and every event wakes, as before.
     */
    default LedgerEvents only(final Predicate<Set<String>> wanted) {
        return this;
    }

    /**
     * A filter for {@link #only} for a waiter that knows which changes never give it anything to
     * do: it accepts a transaction that made at least one change not in {@code nothingToDo}, an
     * unknown change included.
     */
    static Predicate<Set<String>> anyChangeOutside(final Set<String> nothingToDo) {
        return changes -> !nothingToDo.containsAll(changes);
    }

    /**
     * Re-checks {@code condition} after every event (and at least every {@code recheck}) until it
     * holds; false if {@code deadline} passed first.
     */
    default boolean until(final BooleanSupplier condition, final Duration recheck, final Duration deadline) throws InterruptedException {
        final long giveUp = System.nanoTime() + deadline.toNanos();
        while (true) {
            final long seen = generation();
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > giveUp) {
                return false;
            }
            awaitAfter(seen, recheck);
        }
    }
}
