package dln.core.aggregation;

/**
 * FedAvg of norm-clipped deltas: each update's difference from the reference model is scaled
 * down to L2 norm at most the bound, and the sample-weighted mean of the clipped deltas is added
 * to the reference. Bounds how far any one participant can move the model.
 *
 * <p>The reference ({@link RuleInput#REFERENCE}) is the previous global model: the parameters
 * the round started from, which every update of the round trained from. Clipping against it
 * bounds each participant's step; clipping against anything else (zero, the mean of the
 * updates) would bound the weights' size or let the attacker move the centre.
 *
 * <p>The bound is a fixed norm ({@code norm-clip:<c>}, Sun et al. 2019), or a factor times the
 * set's lower median step norm ({@code adaptive-clip:<factor>}; FLAME, Nguyen et al. 2022, clips
 * at the median itself). A fixed norm must be tuned to the model, the data and the round (steps
 * shrink as training converges); a relative one follows them, and a boosted step accepted by the
 * committee (it measured no harm on a fragment of a few hundred examples) moves the model at
 * most {@code factor} typical steps. The lower median: with an even count, attackers holding the
 * upper half still cannot raise the bound.
 *
 * @param bound the largest L2 norm a single update's delta keeps, from the set's norms
 */
public record NormClippedFedAvg(Bound bound) implements AggregationRule {

    /** How the clip norm follows from the updates' distances to the reference (canonical order). */
    public sealed interface Bound {
        /** The clip norm for these distances, &gt;= 0. */
        double of(double[] norms);

        /** The bound as {@link #describe()} prints it. */
        String describe();
    }

    /** A fixed clip norm, &gt; 0. */
    public record Fixed(double norm) implements Bound {
        public Fixed {
            if (!(norm > 0) || Double.isInfinite(norm)) {
                throw new IllegalArgumentException("clip norm must be a positive finite number, got " + norm);
            }
        }

        @Override
        public double of(final double[] norms) {
            return norm;
        }

        @Override
        public String describe() {
            return "clip=" + norm;
        }
    }

    /** {@code factor} times the lower median of the distances, factor &gt; 0. */
    public record MedianTimes(double factor) implements Bound {
        public MedianTimes {
            if (!(factor > 0) || Double.isInfinite(factor)) {
                throw new IllegalArgumentException("adaptive-clip factor must be a positive finite number, got " + factor);
            }
        }

        @Override
        public double of(final double[] norms) {
            return factor * LowerMedian.of(norms);
        }

        @Override
        public String describe() {
            return "clip=" + factor + "x lower median step";
        }
    }

    /** Clipping at a fixed norm, {@code clipNorm} &gt; 0. */
    public NormClippedFedAvg(final double clipNorm) {
        this(new Fixed(clipNorm));
    }

    /** Clipping at {@code factor} times the set's lower median step norm. */
    public static NormClippedFedAvg relative(final double factor) {
        return new NormClippedFedAvg(new MedianTimes(factor));
    }

    @Override
    public java.util.Set<RuleInput> needs() {
        return java.util.Set.of(RuleInput.SAMPLE_WEIGHTS, RuleInput.REFERENCE);
    }

    @Override
    public float[] aggregate(AggregationInput input) {
        float[] ref = reference(input);
        double[] norms = new double[input.size()];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = Math.sqrt(VectorMath.squaredDistance(input.updates().get(i).params(), ref));
        }
        return combine(input, norms);
    }

    static float[] reference(AggregationInput input) {
        return input.reference().orElseThrow(() -> new IllegalArgumentException(
                "norm-clipped fedavg needs the reference model the updates started from"));
    }

    /**
     * The clipped mean given each update's distance to the reference (canonical order): a
     * function of each coordinate's values alone once the norms are known, so it also runs on a
     * range of coordinates with the norms of the whole vectors.
     */
    float[] combine(AggregationInput input, double[] norms) {
        float[] ref = reference(input);
        final double clipNorm = bound.of(norms);
        final double total = VectorMath.totalSamples(input);
        final double[] weights = new double[norms.length];
        for (int i = 0; i < norms.length; i++) {
            // A zero bound (more than half the steps are zero) keeps only the zero steps: scale 0, never 0/0.
            final double scale = norms[i] > clipNorm ? clipNorm / norms[i] : 1.0;
            weights[i] = (input.updates().get(i).samples() / total) * scale;
        }
        return VectorMath.fromReference(input, ref, weights, 1.0);
    }

    @Override
    public String describe() {
        return "norm-clipped-fedavg(" + bound.describe() + ")";
    }
}
