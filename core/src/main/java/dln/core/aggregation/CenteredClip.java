package dln.core.aggregation;

import java.util.Set;

/**
 * Centered clipping (Karimireddy, He &amp; Jaggi 2021, "Learning from History for Byzantine
 * Robust Optimization"): starting from the reference r (the previous global model, the round's
 * start), {@code iterations} times
 * {@code v <- v + (1/n) sum_i (x_i - v) * min(1, tau / ||x_i - v||)}.
 *
 * <p>Each update pulls the centre by at most {@code tau / n} per iteration, so no single update,
 * however large, moves the result more than {@code iterations * tau / n} from where the others
 * put it. The mean is unweighted, as in the paper: weighting by claimed sample counts would hand
 * an attacker who inflates its count a bigger pull. The centre stays in double across
 * iterations; each iteration's step is summed over the updates in canonical order, and the result
 * is rounded to float once.
 *
 * @param tau        the clipping radius around the current centre, &gt; 0
 * @param iterations how many clipping iterations, 1..{@value #MAX_ITERATIONS} (the paper finds 1
 *                   enough when the reference carries momentum)
 */
public record CenteredClip(double tau, int iterations) implements AggregationRule {
    /** More iterations only cost time: the fixed point is reached long before (each one costs a pass over all updates). */
    public static final int MAX_ITERATIONS = 100;

    public CenteredClip {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("centered-clip tau must be a positive finite number, e.g. centered-clip:1:3; got " + tau);
        }
        if (iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new IllegalArgumentException("centered-clip iterations must be a whole number from 1 to "
                    + MAX_ITERATIONS + ", e.g. centered-clip:1:3; got " + iterations);
        }
    }

    @Override
    public Set<RuleInput> needs() {
        return Set.of(RuleInput.REFERENCE);
    }

    @Override
    public float[] aggregate(AggregationInput input) {
        float[] ref = input.reference().orElseThrow(() -> new IllegalArgumentException(
                "centered-clip needs the reference model the updates started from (the previous global model)"));
        int n = input.size();
        int dim = input.dimension();
        double[] centre = new double[dim];
        for (int j = 0; j < dim; j++) {
            centre[j] = ref[j];
        }
        double[] w = new double[n];
        for (int l = 0; l < iterations; l++) {
            for (int i = 0; i < n; i++) {
                w[i] = weight(VectorMath.squaredDistance(input.updates().get(i).params(), centre), n);
            }
            move(input, centre, 0, w);
        }
        return VectorMath.toFloat(centre);
    }

    /** An update's pull this iteration, from its squared distance to the centre: min(1, tau / norm) / n. */
    double weight(double squaredDistance, int n) {
        double norm = Math.sqrt(squaredDistance);
        return (norm > tau ? tau / norm : 1.0) / n;
    }

    /**
     * One iteration's move of the input's coordinates, {@code centre[offset + j] += sum_i w_i (x_i[j]
     * - centre[offset + j])}, summed over the updates in canonical order: a function of each
     * coordinate alone once the weights are known, so it also runs on a range of the whole centre.
     */
    static void move(AggregationInput input, double[] centre, int offset, double[] w) {
        int dim = input.dimension();
        double[] step = new double[dim];
        for (int i = 0; i < w.length; i++) {
            float[] x = input.updates().get(i).params();
            double wi = w[i];
            for (int j = 0; j < dim; j++) {
                step[j] += wi * (x[j] - centre[offset + j]);
            }
        }
        for (int j = 0; j < dim; j++) {
            centre[offset + j] += step[j];
        }
    }

    @Override
    public String describe() {
        return "centered-clip(tau=" + tau + ",iterations=" + iterations + ")";
    }
}
