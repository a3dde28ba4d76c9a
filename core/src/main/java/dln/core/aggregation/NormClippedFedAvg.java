package dln.core.aggregation;

/**
 * FedAvg of norm-clipped deltas: each update's difference from the reference model is scaled
 * down to L2 norm at most {@code clipNorm}, and the sample-weighted mean of the clipped deltas is
 * added to the reference. Bounds how far any one participant can move the model.
 *
 * <p>The reference ({@link RuleInput#REFERENCE}) is the previous global model: the parameters
 * the round started from, which every update of the round trained from. Clipping against it
 * bounds each participant's step; clipping against anything else (zero, the mean of the
 * updates) would bound the weights' size or let the attacker move the centre.
 *
 * @param clipNorm the largest L2 norm a single update's delta keeps, &gt; 0
 */
public record NormClippedFedAvg(double clipNorm) implements AggregationRule {
    public NormClippedFedAvg {
        if (!(clipNorm > 0) || Double.isInfinite(clipNorm)) {
            throw new IllegalArgumentException("clip norm must be a positive finite number, got " + clipNorm);
        }
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
        double total = 0;
        for (ModelUpdate u : input.updates()) {
            total += u.samples();
        }
        double[] acc = new double[input.dimension()];
        for (int i = 0; i < norms.length; i++) {
            ModelUpdate u = input.updates().get(i);
            float[] p = u.params();
            double norm = norms[i];
            double scale = norm > clipNorm ? clipNorm / norm : 1.0;
            double w = (u.samples() / total) * scale;
            for (int j = 0; j < acc.length; j++) {
                acc[j] += w * ((double) p[j] - ref[j]);
            }
        }
        float[] out = new float[acc.length];
        for (int j = 0; j < acc.length; j++) {
            out[j] = (float) (ref[j] + acc[j]);
        }
        return out;
    }

    @Override
    public String describe() {
        return "norm-clipped-fedavg(clip=" + clipNorm + ")";
    }
}
