package dln.core.data;

import java.util.List;

/** Divides a dataset's examples among providers. Deterministic in (labels, parts, seed). */
public interface Partitioner {

    /**
     * Returns {@code parts} disjoint index lists covering every example exactly once.
     *
     * @param labels     the dataset's labels (a regression's: each example's rank by target, {@link Partitions#apply})
     * @param numClasses number of classes (a regression's: its size)
     * @param parts      number of providers, &ge; 1
     * @param seed       seed of all randomness
     */
    List<int[]> partition(int[] labels, int numClasses, int parts, long seed);

    /** A stable description, e.g. {@code dirichlet(alpha=0.5)}. */
    String describe();
}
