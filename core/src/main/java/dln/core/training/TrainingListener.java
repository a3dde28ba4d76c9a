package dln.core.training;

/**
 * Progress of a local training run, for the CLIs' progress bars. Called on the training thread;
 * implementations must be quick.
 */
public interface TrainingListener {
    /** A listener that ignores everything. */
    TrainingListener NONE = new TrainingListener() {
    };

    /** Epoch {@code epoch} (0-based) of {@code epochs} starts; it has {@code batches} steps. */
    default void epochStarted(int epoch, int epochs, int batches) {
    }

    /** One optimiser step finished with this mini-batch loss. */
    default void batchDone(int epoch, int batch, int batches, double loss) {
    }

    /** Epoch finished; {@code meanLoss} averages its mini-batch losses. */
    default void epochDone(int epoch, double meanLoss) {
    }
}
