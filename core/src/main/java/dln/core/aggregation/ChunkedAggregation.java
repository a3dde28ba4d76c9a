package dln.core.aggregation;

import dln.core.weights.ParameterSink;
import dln.core.weights.ParameterSource;
import dln.core.weights.WeightFileHeader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Aggregates vectors too large to hold together in memory (8 updates of a 100M-parameter model
 * are 3.2 GB of floats) by ranges of coordinates: each update is read chunk by chunk from a
 * {@link ParameterSource} (a weight file on disk), the rule runs on each chunk, and the result
 * streams to a {@link ParameterSink}. Memory is a few chunks per update, whatever the model.
 *
 * <p>The rules stay pure functions of their ordered inputs; this class is the driver around them
 * and gives the same bits as {@link AggregationRule#aggregate} on the whole vectors:
 * <ul>
 *   <li>coordinate-wise rules (fedavg, median, trimmed mean, and bucketing around one of them)
 *       run on each chunk as they are;</li>
 *   <li>norm clipping first measures each update's distance to the reference in one streamed
 *       pass, then clips chunk by chunk with those norms;</li>
 *   <li>Multi-Krum first accumulates its pairwise distances in one streamed pass, selects, then
 *       averages the selected updates chunk by chunk;</li>
 *   <li>centered clipping reads the updates chunk by chunk too, but its centre moves at every
 *       iteration and each iteration's distances need the whole previous centre: the centre stays
 *       in memory, in double as the rule keeps it (8 bytes a parameter, 800 MB for 100M), and each
 *       iteration makes two streamed passes (distances, then the move); beyond
 *       {@code wholeVectorBudget} it is refused with a message naming the limit;</li>
 *   <li>bucketing around a distance-based rule is not streamed (its bucket means would have to be
 *       written out first): it runs on whole vectors when those fit in {@code wholeVectorBudget}
 *       bytes, and is refused with a message naming the limit otherwise.</li>
 * </ul>
 * Distances are accumulated in lanes of {@link VectorMath#LANES} coordinates, so the chunk size
 * is a multiple of that. The updates are put in canonical order (by id) here, as
 * {@link AggregationInput} does.
 */
public final class ChunkedAggregation {
    /** Coordinates per chunk by default: 4 MB per vector. */
    public static final int DEFAULT_CHUNK = 1 << 20;

    /**
     * One update whose vector is read by ranges.
     *
     * @param updateId its key (fixes the canonical order; the protocol passes {@code Aggregates#keys})
     * @param params   its vector
     * @param samples  its weight, &gt; 0
     */
    public record SourcedUpdate(String updateId, ParameterSource params, long samples) {
        public SourcedUpdate {
            Objects.requireNonNull(updateId, "updateId");
            Objects.requireNonNull(params, "params");
            if (samples <= 0) {
                throw new IllegalArgumentException("update " + updateId + ": samples must be > 0, got " + samples);
            }
        }
    }

    private final AggregationRule rule;
    private final int chunk;
    private final long wholeVectorBudget;

    /**
     * A driver for {@code rule}.
     *
     * @param chunk             coordinates per chunk, a positive multiple of {@value VectorMath#LANES}
     * @param wholeVectorBudget bytes the rules that are not streamed may use for whole vectors
     *                          (the updates, the reference and the result, 4 bytes a value)
     */
    public ChunkedAggregation(final AggregationRule rule, final int chunk, final long wholeVectorBudget) {
        this.rule = Objects.requireNonNull(rule, "rule");
        if (chunk < VectorMath.LANES || chunk % VectorMath.LANES != 0) {
            throw new IllegalArgumentException("chunk must be a positive multiple of " + VectorMath.LANES + ", got " + chunk);
        }
        this.chunk = chunk;
        this.wholeVectorBudget = wholeVectorBudget;
    }

    /** A driver with {@link #DEFAULT_CHUNK} and half the heap's limit for the rules that need whole vectors. */
    public ChunkedAggregation(final AggregationRule rule) {
        this(rule, DEFAULT_CHUNK, Runtime.getRuntime().maxMemory() / 2);
    }

    /**
     * Whether {@code rule} reads the updates chunk by chunk here (otherwise it needs the whole
     * vectors in memory); centered clipping does, with its centre whole in memory.
     */
    public static boolean streams(final AggregationRule rule) {
        return coordinateWise(rule) || rule instanceof NormClippedFedAvg || rule instanceof MultiKrum || rule instanceof CenteredClip;
    }

    private static boolean coordinateWise(final AggregationRule rule) {
        return rule instanceof FedAvg || rule instanceof FedNova || rule instanceof CoordinateMedian || rule instanceof TrimmedMean
                || rule instanceof Bucketing b && coordinateWise(b.inner());
    }

    /**
     * Aggregates {@code updates} into {@code out}, chunk by chunk.
     *
     * @param reference the vector the updates started from, or null; required by the rules that
     *                  need it ({@link AggregationRule#needs()})
     * @throws IllegalArgumentException as {@link AggregationInput} and the rule (ids, lengths,
     *         non-finite values, too few updates), or when a rule that is not streamed would need
     *         more than the whole-vector budget
     */
    public void aggregate(final List<SourcedUpdate> updates, final ParameterSource reference, final ParameterSink out)
            throws IOException {
        final List<SourcedUpdate> sorted = canonical(updates, reference);
        final ParameterSource ref = rule.needs().contains(RuleInput.REFERENCE) ? reference : null;
        if (rule.needs().contains(RuleInput.REFERENCE) && ref == null) {
            throw new IllegalArgumentException("aggregation rule " + rule.describe()
                    + " needs the reference vector the updates started from; pass it with the updates");
        }
        final long dim = sorted.get(0).params().parameterCount();
        if (coordinateWise(rule)) {
            eachChunk(sorted, ref, dim, (input, from) -> write(out, rule.aggregate(input)));
        } else if (rule instanceof NormClippedFedAvg clip) {
            final DistanceLanes[] lanes = new DistanceLanes[sorted.size()];
            for (int i = 0; i < lanes.length; i++) {
                lanes[i] = new DistanceLanes();
            }
            eachChunk(sorted, ref, dim, (input, from) -> {
                final float[] r = input.reference().orElseThrow();
                for (int i = 0; i < lanes.length; i++) {
                    lanes[i].add(input.updates().get(i).params(), r, 0, r.length);
                }
            });
            final double[] norms = new double[lanes.length];
            for (int i = 0; i < norms.length; i++) {
                norms[i] = Math.sqrt(lanes[i].sum());
            }
            eachChunk(sorted, ref, dim, (input, from) -> write(out, clip.combine(input, norms)));
        } else if (rule instanceof MultiKrum krum) {
            krum.check(sorted.size());
            final KrumDistances distances = new KrumDistances(sorted.size(), dim);
            eachChunk(sorted, null, dim, (input, from) -> distances.add(Vectors.of(input), input.dimension()));
            final int[] selected = krum.select(distances.distances());
            eachChunk(sorted, null, dim, (input, from) -> write(out, VectorMath.weightedMean(input, selected)));
        } else if (rule instanceof CenteredClip clip) {
            centeredClip(clip, sorted, ref, dim, out);
        } else {
            wholeVectors(sorted, ref, dim, out);
        }
    }

    /**
     * Centered clipping with the updates read by chunks and the centre, in double as the rule keeps
     * it, whole in memory (8 bytes a parameter): each iteration is one streamed pass for the
     * distances to the centre and one for the move.
     */
    private void centeredClip(final CenteredClip clip, final List<SourcedUpdate> sorted, final ParameterSource ref, final long dim,
                              final ParameterSink out) throws IOException {
        final long bytes = 8L * dim;
        if (dim > WeightFileHeader.MAX_ARRAY_PARAMETERS || bytes > wholeVectorBudget) {
            throw new IllegalArgumentException(rule.describe() + " keeps its centre whole in memory (8 bytes a parameter: "
                    + (bytes >> 20) + " MiB for " + dim + " parameters), more than the " + (wholeVectorBudget >> 20)
                    + " MiB allowed; use fedavg, median, trimmed-mean, norm-clip, adaptive-clip or multi-krum for models this large");
        }
        final double[] centre = new double[(int) dim];
        final float[] buffer = new float[(int) Math.min(chunk, dim)];
        for (long from = 0; from < dim; from += chunk) {
            final int len = (int) Math.min(chunk, dim - from);
            ref.read(from, buffer, 0, len);
            for (int j = 0; j < len; j++) {
                centre[(int) from + j] = buffer[j];
            }
        }
        final int n = sorted.size();
        final double[] w = new double[n];
        for (int l = 0; l < clip.iterations(); l++) {
            final DistanceLanes[] lanes = new DistanceLanes[n];
            for (int i = 0; i < n; i++) {
                lanes[i] = new DistanceLanes();
            }
            eachChunk(sorted, null, dim, (input, from) -> {
                for (int i = 0; i < n; i++) {
                    lanes[i].add(input.updates().get(i).params(), centre, (int) from, input.dimension());
                }
            });
            for (int i = 0; i < n; i++) {
                w[i] = clip.weight(lanes[i].sum(), n);
            }
            eachChunk(sorted, null, dim, (input, from) -> CenteredClip.move(input, centre, (int) from, w));
        }
        for (long from = 0; from < dim; from += chunk) {
            final int len = (int) Math.min(chunk, dim - from);
            for (int j = 0; j < len; j++) {
                buffer[j] = (float) centre[(int) from + j];
            }
            out.write(buffer, 0, len);
        }
    }

    /** The same rule on whole vectors, for the rules that are not streamed, within the budget. */
    private void wholeVectors(final List<SourcedUpdate> sorted, final ParameterSource ref, final long dim, final ParameterSink out)
            throws IOException {
        final long vectors = sorted.size() + (ref == null ? 0 : 1) + 1L;
        final long bytes = 4L * dim * vectors;
        if (dim > WeightFileHeader.MAX_ARRAY_PARAMETERS || bytes > wholeVectorBudget) {
            throw new IllegalArgumentException(rule.describe() + " is not computed chunk by chunk (it needs the whole vectors at once: "
                    + vectors + " vectors of " + dim + " parameters, " + (bytes >> 20) + " MiB) and that exceeds the "
                    + (wholeVectorBudget >> 20) + " MiB allowed; use fedavg, median, trimmed-mean, norm-clip, adaptive-clip or multi-krum "
                    + "(without bucketing) for models this large");
        }
        final List<ModelUpdate> whole = new ArrayList<>();
        for (SourcedUpdate u : sorted) {
            whole.add(new ModelUpdate(u.updateId(), u.params().readAll(), u.samples()));
        }
        final float[] result = rule.aggregate(AggregationInput.of(whole, ref == null ? null : ref.readAll()).require(rule));
        out.write(result, 0, result.length);
    }

    private static List<SourcedUpdate> canonical(final List<SourcedUpdate> updates, final ParameterSource reference) {
        if (updates.isEmpty()) {
            throw new IllegalArgumentException("aggregation needs at least one update");
        }
        final List<SourcedUpdate> sorted = new ArrayList<>(updates);
        sorted.sort(Comparator.comparing(SourcedUpdate::updateId));
        final long dim = sorted.get(0).params().parameterCount();
        for (int i = 0; i < sorted.size(); i++) {
            final SourcedUpdate u = sorted.get(i);
            if (i > 0 && u.updateId().equals(sorted.get(i - 1).updateId())) {
                throw new IllegalArgumentException("duplicate update id " + u.updateId());
            }
            if (u.params().parameterCount() != dim) {
                throw new IllegalArgumentException("update " + u.updateId() + " has " + u.params().parameterCount()
                        + " parameters, expected " + dim);
            }
        }
        if (reference != null && reference.parameterCount() != dim) {
            throw new IllegalArgumentException("reference has " + reference.parameterCount() + " parameters, expected " + dim);
        }
        return sorted;
    }

    /** What is done with one chunk's input; {@code from} is its first coordinate. */
    private interface ChunkStep {
        void accept(AggregationInput input, long from) throws IOException;
    }

    /** Reads every chunk of every update (and of the reference, when given) and hands it over, in coordinate order. */
    private void eachChunk(final List<SourcedUpdate> sorted, final ParameterSource ref, final long dim, final ChunkStep step)
            throws IOException {
        // One buffer per vector, reused: a step keeps nothing of its input (only the last,
        // shorter chunk gets its own buffers, as an input's vectors must have its length).
        float[][] buffers = new float[sorted.size() + 1][];
        for (long from = 0; from < dim; from += chunk) {
            final int len = (int) Math.min(chunk, dim - from);
            if (buffers[0] == null || buffers[0].length != len) {
                for (int i = 0; i < buffers.length; i++) {
                    buffers[i] = new float[len];
                }
            }
            final List<ModelUpdate> parts = new ArrayList<>(sorted.size());
            for (int i = 0; i < sorted.size(); i++) {
                final SourcedUpdate u = sorted.get(i);
                u.params().read(from, buffers[i], 0, len);
                parts.add(new ModelUpdate(u.updateId(), buffers[i], u.samples()));
            }
            float[] refPart = null;
            if (ref != null) {
                refPart = buffers[sorted.size()];
                ref.read(from, refPart, 0, len);
            }
            step.accept(AggregationInput.of(parts, refPart), from);
        }
    }

    private static void write(final ParameterSink out, final float[] values) throws IOException {
        out.write(values, 0, values.length);
    }
}
