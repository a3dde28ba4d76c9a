package dln.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Applies partitioners and parses their names ({@code iid}, {@code dirichlet:<alpha>},
 * {@code shards:<perProvider>}, {@code quantity:<beta>}).
 */
public final class Partitions {
    private Partitions() {
    }

    /** The providers' datasets. */
    public static List<Dataset> apply(Dataset d, Partitioner p, int parts, long seed) {
        if (parts < 1 || parts > d.size()) {
            throw new IllegalArgumentException("cannot split " + d.size() + " examples into " + parts + " parts");
        }
        List<Dataset> out = new ArrayList<>(parts);
        for (int[] idx : partition(d, p, parts, seed)) {
            out.add(d.subset(idx));
        }
        return out;
    }

    /**
     * The index lists. A classification is partitioned by its labels. A regression has no
     * classes: IID and quantity skew deal its examples as any; shards sort it by target (each example's rank is its
     * "label"), so each provider holds a few ranges of the target, the regression analogue of a
     * few classes; Dirichlet label skew draws shares per class and is refused.
     */
    static List<int[]> partition(Dataset d, Partitioner p, int parts, long seed) {
        if (!d.isRegression()) {
            return p.partition(d.labels(), d.numClasses(), parts, seed);
        }
        if (p instanceof DirichletPartitioner) {
            throw new IllegalArgumentException(p.describe() + " skews classes, and a regression has none: partition it with iid or shards:<perProvider>");
        }
        return p.partition(d.targetRanks(), d.size(), parts, seed);
    }

    /** Parses a partitioner name. */
    public static Partitioner parse(String spec) {
        String[] a = spec.trim().toLowerCase(Locale.ROOT).split(":");
        try {
            return switch (a[0]) {
                case "iid" -> new IidPartitioner();
                case "dirichlet" -> new DirichletPartitioner(Double.parseDouble(a[1]));
                case "shards" -> new ShardPartitioner(Integer.parseInt(a[1]));
                case "quantity" -> new QuantityPartitioner(Double.parseDouble(a[1]));
                default -> throw new IllegalArgumentException("unknown partitioner '" + spec
                        + "' (known: iid, dirichlet:<alpha>, shards:<perProvider>, quantity:<beta>)");
            };
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed partitioner '" + spec + "'", e);
        }
    }
}
