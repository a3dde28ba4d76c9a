package dln.core.protocol;

import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The turns providers take when they share one machine (the session runs them in one process on
 * the same cores): what is CPU-bound in a step, one provider at a time, in the order they asked
 * (fair locks), while their ledger and IPFS waits overlap as on machines of their own.
 *
 * @param starting held while a provider fetches its round's parents and aggregates them: four
 *        providers doing it at once on two cores each had their start late, so the first training
 *        began when all four were ready (0.2-0.65 s into the round at load 8, 2026-12-04 evening);
 *        one at a time, the first trains as soon as its own start is ready and the next ones'
 *        starts overlap its training
 * @param training held while a provider trains, so each training has the cores it is given
 */
public record SharedMachine(Lock starting, Lock training) {

    /** A provider with a machine of its own: turns nobody else takes. */
    public static SharedMachine own() {
        return new SharedMachine(new ReentrantLock(), new ReentrantLock());
    }

    /** Turns for providers sharing one machine, granted in the order asked. */
    public static SharedMachine shared() {
        return new SharedMachine(new ReentrantLock(true), new ReentrantLock(true));
    }
}
