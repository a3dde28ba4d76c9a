package dln.core.protocol;

import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.AggregationRules;
import dln.api.view.ModelView;
import dln.core.model.ArchitecturePlan;
import dln.core.model.SpecJson;
import dln.core.model.TrainingSpec;

/**
 * A model record made usable: its architecture planned and checked against the hash on the
 * ledger, its aggregation rule built, its training recipe read and checked against the architecture.
 */
public record ModelContext(ModelView model, ArchitecturePlan plan, AggregationRule rule, dln.core.optimiser.ServerOptimiser optimiser) {

    /** A context without a server optimiser (the aggregate is the next start). */
    public ModelContext(final ModelView model, final ArchitecturePlan plan, final AggregationRule rule) {
        this(model, plan, rule, new dln.core.optimiser.NoOptimiser());
    }

    /**
     * @throws ProtocolException ARCHITECTURE_INVALID when the ledger's architecture cannot be built
     *         or does not hash to the recorded value
     */
    public static ModelContext of(final ModelView model) {
        final ArchitecturePlan plan;
        try {
            plan = ArchitecturePlan.of(SpecJson.architecture(model.architecture()));
        } catch (RuntimeException e) {
            throw new ProtocolException("ARCHITECTURE_INVALID", "model " + model.id() + " has an architecture this client cannot build: " + e.getMessage());
        }
        if (!plan.hash().equals(model.architectureHash())) {
            throw new ProtocolException("ARCHITECTURE_INVALID", "model " + model.id() + ": architecture hashes to " + plan.hash()
                    + " but the ledger says " + model.architectureHash());
        }
        final AggregationRule rule;
        try {
            rule = AggregationRules.fromLedger(model.aggregation().rule(), model.aggregation().params());
        } catch (RuntimeException e) {
            throw new ProtocolException("RULE_UNKNOWN", "model " + model.id() + " declares an aggregation rule this client cannot build: "
                    + e.getMessage());
        }
        final dln.core.optimiser.ServerOptimiser optimiser;
        try {
            optimiser = model.optimiser() == null ? new dln.core.optimiser.NoOptimiser()
                    : dln.core.optimiser.ServerOptimisers.fromLedger(model.optimiser().name(), model.optimiser().params());
        } catch (RuntimeException e) {
            throw new ProtocolException("OPTIMISER_UNKNOWN", "model " + model.id() + " declares a server optimiser this client cannot build: "
                    + e.getMessage());
        }
        recipeProblem(model, plan).ifPresent(problem -> {
            throw new ProtocolException("RECIPE_INVALID", "model " + model.id() + ": " + problem);
        });
        return new ModelContext(model, plan, rule, optimiser);
    }

    /**
     * What makes the model's training recipe unusable with its architecture, if anything: a recipe
     * this client cannot read, or one that does not fit the architecture ({@link #recipeMisfit}).
     * A committee member declines such a model with this reason; a provider refuses to train it.
     */
    static java.util.Optional<String> recipeProblem(final ModelView model, final ArchitecturePlan plan) {
        final TrainingSpec t;
        try {
            t = TrainingSpec.of(model.trainingRecipe());
        } catch (RuntimeException e) {
            return java.util.Optional.of("the training recipe cannot be applied: " + e.getMessage());
        }
        return recipeMisfit(t, plan).or(() -> metricMisfit(model.metric(), plan));
    }

    /**
     * Why the committee could not score {@code plan} in {@code metric}, if so: accuracy and loss
     * score a classification head, RMSE and MAE a regression head.
     */
    public static java.util.Optional<String> metricMisfit(final dln.api.Metric metric, final ArchitecturePlan plan) {
        final boolean regression = plan.head().kind() == dln.core.model.Head.Kind.REGRESSION;
        if (metric.regression() == regression) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("the metric " + metric + " does not score a " + (regression ? "regression" : "classification")
                + " head; use " + (regression ? "rmse or mae" : "accuracy or loss"));
    }

    /**
     * What keeps {@code recipe} from training {@code plan}, if anything: a loss that is not the
     * output layer's, a preprocessing whose features or classes are not the architecture's input or
     * output. The one check of the publisher (before publishing) and the committee (before approving).
     */
    public static java.util.Optional<String> recipeMisfit(final TrainingSpec recipe, final ArchitecturePlan plan) {
        final java.util.List<dln.core.model.LayerSpec> layers = plan.spec().layers();
        final String outputLoss = layers.isEmpty() ? null : layers.get(layers.size() - 1).loss();
        if (outputLoss != null && !outputLoss.equals(recipe.loss())) {
            return java.util.Optional.of("the training recipe's loss is " + recipe.loss() + " but the output layer's is " + outputLoss);
        }
        if (recipe.preprocessing() != null && recipe.preprocessing().image() != null
                && !recipe.preprocessing().image().input().equals(plan.spec().input())) {
            return java.util.Optional.of("the architecture takes input " + plan.spec().input() + " but the recipe's images are resized to "
                    + recipe.preprocessing().image().input());
        }
        if (recipe.preprocessing() != null) {
            return plan.misfit(recipe.preprocessing().numFeatures(), recipe.preprocessing().classes().size(), "the recipe's preprocessing");
        }
        return java.util.Optional.empty();
    }

    /**
     * How every provider trains this model: its training recipe on the ledger, never a provider's
     * own settings (docs/models-and-data.md, "The training recipe").
     */
    public TrainingSpec training() {
        return TrainingSpec.of(model.trainingRecipe());
    }

    /** The hash of the model's training recipe, which every update names. */
    public String recipeHash() {
        return training().recipe().hash();
    }

    public String id() {
        return model.id();
    }

    public String architectureHash() {
        return model.architectureHash();
    }

    public long parameterCount() {
        return plan.parameterCount();
    }

    /**
     * This context with the weighting's trust left out: the committee judges an update at the
     * weight its claim gives it, not at the trust its history earned, so that a distrusted
     * update's small weight does not hide the harm it would do at full weight.
     */
    public ModelContext withoutTrust() {
        final ModelView.Weighting w = model.weightingOrClaimed();
        return w.trust() == 0 ? this : new ModelContext(model.withWeighting(w.withoutTrust()), plan, rule, optimiser);
    }
}
