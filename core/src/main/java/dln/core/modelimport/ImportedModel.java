package dln.core.modelimport;

import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.ModelSpec;
import dln.core.model.TrainingSpec;

/**
 * A model read from a file: its architecture in dln's spec and its weights in the ONE flat
 * parameter order of {@link ArchitecturePlan}.
 *
 * @param source       the file it came from and its format, for messages ("model.h5 (Keras HDF5)")
 * @param architecture the mapped architecture (validated)
 * @param weights      the file's weights as dln's flat vector, {@code plan().parameterCount()} long
 */
public record ImportedModel(String source, ArchitectureSpec architecture, float[] weights) {

    /** The validated plan of the architecture. */
    public ArchitecturePlan plan() {
        return ArchitecturePlan.of(architecture);
    }

    /**
     * The model spec to publish: this architecture with {@code training}, whose loss becomes the
     * imported head's (cross-entropy, binary cross-entropy or mean squared error). The seed is
     * not used for its weights (they come from the file) and is kept for the rest of publication.
     */
    public ModelSpec modelSpec(final String name, final TrainingSpec training, final long seed) {
        final String loss = architecture.layers().get(architecture.layers().size() - 1).loss();
        final TrainingSpec t = loss.equals(training.loss()) ? training : new TrainingSpec(training.optimizer(), training.learningRate(),
                training.batchSize(), training.localEpochs(), training.fedProxMu(), training.optimizerParams(), training.schedule(), loss,
                training.preprocessing(), training.minLocalSteps());
        return new ModelSpec(name, architecture, t, seed);
    }
}
