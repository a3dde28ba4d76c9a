package dln.core.data;

import java.util.Objects;

/**
 * A dataset held as one row-major feature array, of one of two kinds that cannot be mixed up:
 *
 * <ul>
 *   <li><b>classification</b> ({@code targets == null}): an int class label per example in
 *       {@code [0, numClasses)}, {@code 2 <= numClasses <= 256};</li>
 *   <li><b>regression</b> ({@link #regression}): one float target per example (what a regression
 *       head of one unit predicts), {@code labels == null} and {@code numClasses == 0}, as
 *       {@link dln.core.model.ArchitecturePlan#numClasses()} says of a regression head.</li>
 * </ul>
 *
 * <p>{@link #labels()} and {@link #classCounts()} throw on a regression dataset and
 * {@link #targets()} on a classification one, so a classification path handed float targets
 * (or the reverse) fails at once instead of training on placeholders.
 *
 * <p>Arrays are not copied on construction (a dataset can be tens of MB); the loaders and
 * {@link #subset} always hand over fresh arrays, and nothing in core mutates them.
 *
 * @param features    {@code size() * numFeatures} values, row-major
 * @param labels      class index of each example, in [0, numClasses); null for a regression
 * @param numFeatures features per example
 * @param numClasses  number of classes; 0 for a regression
 * @param targets     the float target of each example (finite); null for a classification
 */
public record Dataset(float[] features, int[] labels, int numFeatures, int numClasses, float[] targets) {
    public Dataset {
        Objects.requireNonNull(features, "features");
        if ((labels == null) == (targets == null)) {
            throw new IllegalArgumentException("a dataset has either class labels or float targets, exactly one of them");
        }
        int n = labels != null ? labels.length : targets.length;
        if (numFeatures <= 0) {
            throw new IllegalArgumentException("need numFeatures > 0, got " + numFeatures);
        }
        if (labels != null && (numClasses < 2 || numClasses > 256)) {
            throw new IllegalArgumentException("need 2 <= numClasses <= 256, got " + numClasses);
        }
        if (targets != null && numClasses != 0) {
            throw new IllegalArgumentException("a regression dataset has numClasses 0, got " + numClasses);
        }
        if ((long) n * numFeatures != features.length) {
            throw new IllegalArgumentException(n + (labels != null ? " labels" : " targets") + " do not match " + features.length
                    + " feature values at " + numFeatures + " per example");
        }
        if (labels != null) {
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= numClasses) {
                    throw new IllegalArgumentException("example " + i + " has label " + labels[i]
                            + " outside [0, " + numClasses + ")");
                }
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (!Float.isFinite(targets[i])) {
                    throw new IllegalArgumentException("example " + i + " has target " + targets[i]);
                }
            }
        }
    }

    /** A classification dataset. */
    public Dataset(float[] features, int[] labels, int numFeatures, int numClasses) {
        this(features, Objects.requireNonNull(labels, "labels"), numFeatures, numClasses, null);
    }

    /** A regression dataset: one float target per example. */
    public static Dataset regression(float[] features, float[] targets, int numFeatures) {
        return new Dataset(features, null, numFeatures, 0, Objects.requireNonNull(targets, "targets"));
    }

    /** True for float targets, false for class labels. */
    public boolean isRegression() {
        return targets != null;
    }

    /**
     * The class labels.
     *
     * @throws IllegalStateException on a regression dataset
     */
    @Override
    public int[] labels() {
        if (labels == null) {
            throw new IllegalStateException("this dataset is a regression (float targets); it has no class labels");
        }
        return labels;
    }

    /**
     * The float targets.
     *
     * @throws IllegalStateException on a classification dataset
     */
    @Override
    public float[] targets() {
        if (targets == null) {
            throw new IllegalStateException("this dataset is a classification (class labels); it has no float targets");
        }
        return targets;
    }

    /** Number of examples. */
    public int size() {
        return labels != null ? labels.length : targets.length;
    }

    /** A new dataset of the examples at {@code indices}, in that order, of the same kind. */
    public Dataset subset(int[] indices) {
        float[] f = new float[indices.length * numFeatures];
        for (int k = 0; k < indices.length; k++) {
            System.arraycopy(features, indices[k] * numFeatures, f, k * numFeatures, numFeatures);
        }
        if (labels == null) {
            float[] t = new float[indices.length];
            for (int k = 0; k < indices.length; k++) {
                t[k] = targets[indices[k]];
            }
            return regression(f, t, numFeatures);
        }
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            l[k] = labels[indices[k]];
        }
        return new Dataset(f, l, numFeatures, numClasses);
    }

    /**
     * Examples per class.
     *
     * @throws IllegalStateException on a regression dataset
     */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        for (int l : labels()) {
            c[l]++;
        }
        return c;
    }

    /**
     * Each example's rank by target (ties in index order), 0 for the smallest: what partitioners
     * that sort by class sort a regression by.
     *
     * @throws IllegalStateException on a classification dataset
     */
    public int[] targetRanks() {
        float[] t = targets();
        Integer[] order = new Integer[t.length];
        for (int i = 0; i < t.length; i++) {
            order[i] = i;
        }
        // A stable sort: ties keep index order.
        java.util.Arrays.sort(order, (a, b) -> Float.compare(t[a], t[b]));
        int[] rank = new int[t.length];
        for (int r = 0; r < t.length; r++) {
            rank[order[r]] = r;
        }
        return rank;
    }
}
