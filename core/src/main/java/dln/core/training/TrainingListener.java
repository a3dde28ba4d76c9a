package dln.core.training;

/**
 * Progress of a provider's step, for the CLIs' progress bars: the local training run, then the
 * upload of its result. Called on the working threads; implementations must be quick.
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

    /** The trained weights' upload to IPFS has sent {@code bytes} of {@code total}. */
    default void uploaded(long bytes, long total) {
    }
}
