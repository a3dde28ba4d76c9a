package dln.core.training;

import dln.core.data.Dataset;
import dln.core.data.Shuffle;
import dln.core.model.ArchitecturePlan;
import dln.core.model.SameDiffNetwork;
import dln.core.model.TrainingSpec;
import java.util.List;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Loss;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.TrainingConfig;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * Local training with SameDiff: {@code localEpochs} passes over the data in seeded mini-batch
 * order, the optimiser and learning rate from the {@link TrainingSpec}, and the FedProx term when
 * {@code fedProxMu > 0}.
 *
 * <p>Each call builds a fresh graph (~tens of ms) because SameDiff 1.0.0-M2.1 keeps optimiser
 * state across {@code fit} calls with no public reset; a federated update must depend only on
 * its start parameters, data, settings and seed.
 */
public final class LocalTrainer {
    private final ArchitecturePlan plan;

    /** A trainer for one architecture. */
    public LocalTrainer(ArchitecturePlan plan) {
        this.plan = plan;
    }

    /**
     * Trains from {@code start} on {@code data}.
     *
     * @param seed     seeds the mini-batch order (epoch e uses permutation seed {@code seed + e})
     * @param listener progress callbacks
     */
    public TrainingResult train(float[] start, Dataset data, TrainingSpec settings, long seed, TrainingListener listener) {
        if (data.numFeatures() != plan.inputSize() || data.numClasses() != plan.numClasses()) {
            throw new IllegalArgumentException("data has " + data.numFeatures() + " features / " + data.numClasses()
                    + " classes; the model expects " + plan.inputSize() + " / " + plan.numClasses());
        }
        if (data.size() == 0) {
            throw new IllegalArgumentException("no training data");
        }
        long t0 = System.nanoTime();
        SameDiffNetwork net = SameDiffNetwork.build(plan, start, settings.fedProxMu());
        net.prepareTraining();
        SameDiff sd = net.graph();
        sd.setTrainingConfig(TrainingConfig.builder()
                .updater(updater(settings))
                .dataSetFeatureMapping(SameDiffNetwork.INPUT)
                .dataSetLabelMapping(SameDiffNetwork.LABEL)
                .build());
        double lastMean = Double.NaN;
        for (int e = 0; e < settings.localEpochs(); e++) {
            List<DataSet> batches = Batches.of(data, Shuffle.permutation(data.size(), seed + e), settings.batchSize());
            listener.epochStarted(e, settings.localEpochs(), batches.size());
            Progress progress = new Progress(listener, e, batches.size());
            sd.fit(new ExistingDataSetIterator(batches), 1, progress);
            lastMean = progress.meanLoss();
            listener.epochDone(e, lastMean);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        float[] trained = net.getParameters();
        for (int j = 0; j < trained.length; j++) {
            if (!Float.isFinite(trained[j])) {
                throw new IllegalStateException("training diverged: parameter " + j + " is " + trained[j]
                        + " (lower the learning rate " + settings.learningRate() + ")");
            }
        }
        return new TrainingResult(trained, (long) data.size() * settings.localEpochs(),
                settings.localEpochs(), lastMean, ms);
    }

    /** The optimiser of {@code s} (shared with DP-SGD, which steps the same optimisers on its private gradient). */
    public static IUpdater updater(TrainingSpec s) {
        return switch (s.optimizer()) {
            case "adam" -> new Adam(s.learningRate());
            case "sgd" -> new Sgd(s.learningRate());
            case "nesterovs" -> new Nesterovs(s.learningRate(), 0.9);
            default -> throw new IllegalArgumentException("unknown optimizer " + s.optimizer());
        };
    }

    /** Bridges SameDiff's listener to ours and averages the epoch's losses. */
    private static final class Progress extends BaseListener {
        private final TrainingListener target;
        private final int epoch;
        private final int batches;
        private int done;
        private double sum;

        Progress(TrainingListener target, int epoch, int batches) {
            this.target = target;
            this.epoch = epoch;
            this.batches = batches;
        }

        @Override
        public boolean isActive(Operation operation) {
            return operation == Operation.TRAINING;
        }

        @Override
        public void iterationDone(SameDiff sd, At at, MultiDataSet dataSet, Loss loss) {
            double l = loss == null ? Double.NaN : loss.totalLoss();
            sum += l;
            target.batchDone(epoch, done++, batches, l);
        }

        double meanLoss() {
            return done == 0 ? Double.NaN : sum / done;
        }
    }
}
