package dln.core.protocol;

import dln.core.training.NativeThreads;
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
 * @param trainingThreads the native team a training runs on ({@link NativeThreads#onTeam}), or 0
 *        for the training thread's own (OMP_NUM_THREADS, as on a machine of its own)
 */
public record SharedMachine(Lock starting, Lock training, int trainingThreads) {

    public SharedMachine {
        if (trainingThreads < 0) {
            throw new IllegalArgumentException("trainingThreads must be >= 0 (0: the thread's own team)");
        }
    }

    /** A provider with a machine of its own: turns nobody else takes, the training on the thread's own team. */
    public static SharedMachine own() {
        return new SharedMachine(new ReentrantLock(), new ReentrantLock(), 0);
    }

    /**
     * Turns for providers sharing one machine, granted in the order asked, each training on a
     * team of {@code trainingThreads} native threads.
     */
    public static SharedMachine shared(final int trainingThreads) {
        return new SharedMachine(new ReentrantLock(true), new ReentrantLock(true), trainingThreads);
    }

    /**
     * Turns for providers sharing {@code cores} cores with everything else a session runs (the
     * committee, the peers, the orderers, Kubo): the trainings leave one core to the rest. On two
     * cores a training then runs on one native thread, and a round's four MLP trainings took 0.6-0.8 s
     * instead of 0.8-1.2 s on two (load 10, 2026-12-04 evening): a team of two on a busy machine
     * waits at every op's join for whichever thread the scheduler held back. The same bits on one
     * thread as on two for the built-in models (checked, and the session's accuracies round by round).
     */
    public static SharedMachine sharing(final int cores) {
        return shared(Math.max(1, cores - 1));
    }

    /** {@code work} on this machine's training team. */
    public <T> T onTrainingTeam(final java.util.function.Supplier<T> work) {
        return trainingThreads == 0 ? work.get() : NativeThreads.onTeam(trainingThreads, work);
    }
}
