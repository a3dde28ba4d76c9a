package dln.core.aggregation;

/**
 * FedNova (Wang, Liu, Liang, Joshi &amp; Poor, NeurIPS 2020, "Tackling the Objective Inconsistency
 * Problem in Heterogeneous Federated Optimization"): each update's step from the reference is
 * divided by its number of local steps before the weighted mean, and the mean is scaled back by
 * the weighted mean step count,
 * {@code x = ref + (sum_i p_i tau_i) * sum_i p_i (x_i - ref) / tau_i}, {@code p_i = w_i / W}.
 *
 * <p>Under FedAvg a provider with few examples takes few local steps, so its short step pulls the
 * weighted mean back towards the reference: the round goes less far with it than without it, which
 * a leave-one-out contribution measures as harm (docs/protocol.md, "small providers in round 1").
 * Normalised, every provider's step counts per local step, and a short honest step adds to the
 * round instead of diluting it.
 *
 * <p>The step count is {@code tau_i = ceil(w_i / batch)} from the update's weight (its claimed
 * samples after the model's weighting policy, so a capped claim is also a capped count) and the
 * recipe's batch, a parameter of the rule; local epochs multiply every count alike and cancel. The
 * reference ({@link RuleInput#REFERENCE}) is the round's start, which every update trained from.
 *
 * @param batch the providers' mini-batch, &ge; 1
 */
public record FedNova(double batch) implements AggregationRule {

    public FedNova {
        if (!(batch >= 1) || Double.isInfinite(batch)) {
            throw new IllegalArgumentException("fednova's batch must be a number of at least 1, got " + batch);
        }
    }

    @Override
    public java.util.Set<RuleInput> needs() {
        return java.util.Set.of(RuleInput.SAMPLE_WEIGHTS, RuleInput.REFERENCE);
    }

    /** Local steps behind an update of weight {@code w}: at least one. */
    double steps(final long w) {
        return Math.max(1, Math.ceil(w / batch));
    }

    @Override
    public float[] aggregate(final AggregationInput input) {
        final float[] ref = input.reference().orElseThrow(() -> new IllegalArgumentException(
                "fednova needs the reference model the updates started from"));
        final double total = VectorMath.totalSamples(input);
        double meanSteps = 0;
        final double[] weights = new double[input.size()];
        for (int i = 0; i < weights.length; i++) {
            final long samples = input.updates().get(i).samples();
            meanSteps += samples / total * steps(samples);
            weights[i] = samples / total / steps(samples);
        }
        return VectorMath.fromReference(input, ref, weights, meanSteps);
    }

    @Override
    public String describe() {
        return "fednova(batch=" + batch + ")";
    }
}
