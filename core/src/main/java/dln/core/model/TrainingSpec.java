package dln.core.model;

/**
 * How providers train locally.
 *
 * @param optimizer    adam | sgd | nesterovs (momentum 0.9)
 * @param learningRate step size, &gt; 0
 * @param batchSize    examples per step, &ge; 1
 * @param localEpochs  passes over the local data per update, &ge; 1
 * @param fedProxMu    FedProx proximal coefficient mu (0 disables): adds
 *                     {@code mu/2 * ||w - w_start||^2} to the loss
 */
public record TrainingSpec(String optimizer, double learningRate, int batchSize, int localEpochs, double fedProxMu) {
    public TrainingSpec {
        if (!(learningRate > 0) || batchSize < 1 || localEpochs < 1 || !(fedProxMu >= 0)) {
            throw new IllegalArgumentException("invalid training settings: lr=" + learningRate + ", batch="
                    + batchSize + ", epochs=" + localEpochs + ", mu=" + fedProxMu);
        }
        if (!java.util.Set.of("adam", "sgd", "nesterovs").contains(optimizer)) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (adam, sgd, nesterovs)");
        }
    }

    /** The same settings with another epoch count. */
    public TrainingSpec withLocalEpochs(int epochs) {
        return new TrainingSpec(optimizer, learningRate, batchSize, epochs, fedProxMu);
    }

    /** The same settings with another FedProx mu. */
    public TrainingSpec withFedProxMu(double mu) {
        return new TrainingSpec(optimizer, learningRate, batchSize, localEpochs, mu);
    }
}
