package dln.core.privacy;

import dln.core.model.TrainingSpec;
import java.util.Map;

/**
 * The training recipe a model gets by default when its policy requires DP: SGD with Nesterov
 * momentum 0.9 at learning rate 0.2, batches of 128 (so Poisson sampling at
 * {@code q = 128 / n}), the model's own epochs, loss, FedProx term and preprocessing.
 *
 * <p>Why not the model's own recipe: the built-ins' Adam at 1e-3 with batches of 32 is tuned for
 * plain training. Under DP-SGD each step's gradient carries noise of standard deviation
 * {@code sigma C / (q n)} per coordinate; for a fixed budget and number of epochs sigma grows
 * more slowly than the batch, so larger batches give a less noisy step (Abadi et al. 2016;
 * De et al. 2022), and Adam's per-coordinate normalisation turns pure-noise coordinates into
 * full-size steps where momentum SGD moves them in proportion to what is there (Papernot et al.
 * 2021 and the Opacus and TF-Privacy MNIST tutorials train with momentum SGD). docs/privacy.md
 * gives the measurements behind the numbers.
 */
public final class PrivateTraining {
    /** The optimiser. */
    public static final String OPTIMIZER = "nesterovs";
    /** Its momentum. */
    public static final double MOMENTUM = 0.9;
    /** The step size on the private gradient (the mean of clipped gradients at clip 1). */
    public static final double LEARNING_RATE = 0.2;
    /** The expected batch: the sampling rate is this over the provider's example count. */
    public static final int BATCH_SIZE = 128;

    private PrivateTraining() {
    }

    /** {@code plain} with the DP defaults in place of its optimiser, step size, schedule and batch size. */
    public static TrainingSpec of(TrainingSpec plain) {
        return new TrainingSpec(OPTIMIZER, LEARNING_RATE, BATCH_SIZE, plain.localEpochs(), plain.fedProxMu(), Map.of("momentum", MOMENTUM),
                null, plain.loss(), plain.preprocessing(), plain.minLocalSteps());
    }
}
