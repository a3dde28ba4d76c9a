package dln.core.data;

import java.util.Objects;

/**
 * A labelled dataset held as one row-major feature array.
 *
 * <p>Arrays are not copied on construction (a dataset can be tens of MB); the loaders and
 * {@link #subset} always hand over fresh arrays, and nothing in core mutates them.
 *
 * @param features    {@code size() * numFeatures} values, row-major
 * @param labels      class index of each example, in [0, numClasses)
 * @param numFeatures features per example
 * @param numClasses  number of classes
 */
public record Dataset(float[] features, int[] labels, int numFeatures, int numClasses) {
    public Dataset {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (numFeatures <= 0 || numClasses < 2 || numClasses > 256) {
            throw new IllegalArgumentException("need numFeatures > 0 and 2 <= numClasses <= 256, got "
                    + numFeatures + ", " + numClasses);
        }
        if ((long) labels.length * numFeatures != features.length) {
            throw new IllegalArgumentException(labels.length + " labels do not match " + features.length
                    + " feature values at " + numFeatures + " per example");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= numClasses) {
                throw new IllegalArgumentException("example " + i + " has label " + labels[i]
                        + " outside [0, " + numClasses + ")");
            }
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }

    /** A new dataset of the examples at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        float[] f = new float[indices.length * numFeatures];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            System.arraycopy(features, i * numFeatures, f, k * numFeatures, numFeatures);
            l[k] = labels[i];
        }
        return new Dataset(f, l, numFeatures, numClasses);
    }

    /** Examples per class. */
    public int[] classCounts() {
        int[] c = new int[numClasses];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }
}
