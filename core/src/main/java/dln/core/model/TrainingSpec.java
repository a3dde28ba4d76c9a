package dln.core.model;

import com.google.gson.JsonParser;
import dln.api.TrainingRecipe;
import dln.core.data.Preprocessing;
import java.util.Map;

/**
 * How providers train locally: the training recipe a model carries on the ledger
 * ({@link TrainingRecipe}, whose bounds these are), in the form the trainers use. A publisher
 * writes it into the model ({@link #recipe()}); providers and committee members read it back from
 * the ledger ({@link #of(TrainingRecipe)}) and never train with settings of their own.
 *
 * @param optimizer       adam | sgd | nesterovs
 * @param learningRate    base step size, in (0, 10]
 * @param batchSize       examples per step, 1 to 65,536
 * @param localEpochs     passes over the local data per update, 1 to 1,000
 * @param fedProxMu       FedProx proximal coefficient mu (0 disables): adds
 *                        {@code mu/2 * ||w - w_start||^2} to the loss
 * @param optimizerParams the optimiser's parameters (adam: beta1, beta2, epsilon; nesterovs: momentum);
 *                        null or missing ones take {@link TrainingRecipe.Optimiser}'s defaults
 * @param schedule        the step size over one local run; null: constant
 * @param loss            the output layer's loss (mcxent, xent, mse); null: mcxent
 * @param preprocessing   how raw tabular rows become features, fitted on the training split; null when
 *                        the data is features already
 * @param minLocalSteps   optimiser steps a local run takes at least (0: off; {@link TrainingRecipe#steps})
 */
public record TrainingSpec(String optimizer, double learningRate, int batchSize, int localEpochs, double fedProxMu,
                           Map<String, Double> optimizerParams, TrainingRecipe.Schedule schedule, String loss, Preprocessing preprocessing,
                           int minLocalSteps) {
    public TrainingSpec {
        try {
            TrainingRecipe.Optimiser o = TrainingRecipe.Optimiser.of(optimizer, optimizerParams);
            optimizerParams = o.params();
            TrainingRecipe r = new TrainingRecipe(o, learningRate, schedule, batchSize, localEpochs, loss, fedProxMu, null, minLocalSteps);
            schedule = r.schedule();
            loss = r.loss();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid training settings: " + e.getMessage(), e);
        }
    }

    /** Constant step size, the optimiser's default parameters, cross-entropy, no preprocessing, no floor on steps. */
    public TrainingSpec(String optimizer, double learningRate, int batchSize, int localEpochs, double fedProxMu) {
        this(optimizer, learningRate, batchSize, localEpochs, fedProxMu, null, null, null, null, 0);
    }

    /** These settings without a floor on steps. */
    public TrainingSpec(String optimizer, double learningRate, int batchSize, int localEpochs, double fedProxMu,
                        Map<String, Double> optimizerParams, TrainingRecipe.Schedule schedule, String loss, Preprocessing preprocessing) {
        this(optimizer, learningRate, batchSize, localEpochs, fedProxMu, optimizerParams, schedule, loss, preprocessing, 0);
    }

    /**
     * The settings a ledger recipe describes.
     *
     * @throws IllegalArgumentException when its preprocessing is not one this client can apply
     */
    public static TrainingSpec of(TrainingRecipe r) {
        return new TrainingSpec(r.optimiser().name(), r.learningRate(), r.batchSize(), r.localEpochs(), r.fedProxMu(), r.optimiser().params(),
                r.schedule(), r.loss(), r.preprocesses() ? Preprocessing.fromJson(r.preprocessing().toString()) : null, r.minLocalSteps());
    }

    /** The recipe these settings are, in the ledger's terms: what a publisher publishes and what an update's recipe hash is of. */
    public TrainingRecipe recipe() {
        return new TrainingRecipe(TrainingRecipe.Optimiser.of(optimizer, optimizerParams), learningRate, schedule, batchSize, localEpochs, loss,
                fedProxMu, preprocessing == null ? null : JsonParser.parseString(preprocessing.toJson()).getAsJsonObject(), minLocalSteps);
    }

    /** Optimiser steps of one local run on {@code examples} examples ({@link TrainingRecipe#steps}, the one count). */
    public long steps(int examples) {
        return TrainingRecipe.steps(localEpochs, batchSize, minLocalSteps, examples);
    }

    /** The step size at step {@code t} (from 0) of a local run of {@code total} steps. */
    public double learningRateAt(long t, long total) {
        return learningRate * schedule.factor(t, total);
    }

    /** One line for people: "nesterovs {momentum=0.8}, lr 0.05 step {every=20.0, factor=0.5}, batch 16, 2 epoch(s), mcxent, FedProx mu 0.01". */
    public String describe() {
        return optimizer + (optimizerParams.isEmpty() ? "" : " " + optimizerParams) + ", lr " + learningRate + " " + schedule.name()
                + (schedule.params().isEmpty() ? "" : " " + schedule.params()) + ", batch " + batchSize + ", " + localEpochs + " epoch(s), "
                + loss + (minLocalSteps > 0 ? ", at least " + minLocalSteps + " steps" : "") + (fedProxMu > 0 ? ", FedProx mu " + fedProxMu : "") + (preprocessing == null ? "" : preprocessing.image() != null
                ? ", images resized to " + preprocessing.image().input() + ", classes " + preprocessing.classes() : ", preprocessing "
                + preprocessing.numeric().size() + " numeric / " + preprocessing.categorical().size() + " categorical column(s)");
    }

    /** The same settings with another epoch count. */
    public TrainingSpec withLocalEpochs(int epochs) {
        return new TrainingSpec(optimizer, learningRate, batchSize, epochs, fedProxMu, optimizerParams, schedule, loss, preprocessing, minLocalSteps);
    }

    /** The same settings with another FedProx mu. */
    public TrainingSpec withFedProxMu(double mu) {
        return new TrainingSpec(optimizer, learningRate, batchSize, localEpochs, mu, optimizerParams, schedule, loss, preprocessing, minLocalSteps);
    }

    /** The same settings with a floor of {@code steps} optimiser steps a run (0: off). */
    public TrainingSpec withMinLocalSteps(int steps) {
        return new TrainingSpec(optimizer, learningRate, batchSize, localEpochs, fedProxMu, optimizerParams, schedule, loss, preprocessing, steps);
    }

    /** The same settings with the preprocessing that made the data's features (null: none). */
    public TrainingSpec withPreprocessing(Preprocessing p) {
        return new TrainingSpec(optimizer, learningRate, batchSize, localEpochs, fedProxMu, optimizerParams, schedule, loss, p, minLocalSteps);
    }
}
