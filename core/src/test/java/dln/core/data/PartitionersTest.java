package dln.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PartitionersTest {
    /** 2,000 examples, 10 balanced classes. */
    static final int[] LABELS = IntStream.range(0, 2000).map(i -> i % 10).toArray();

    static void assertCoverExactlyOnce(List<int[]> parts, int n) {
        int[] seen = new int[n];
        parts.forEach(p -> Arrays.stream(p).forEach(i -> seen[i]++));
        assertTrue(Arrays.stream(seen).allMatch(c -> c == 1), "every example in exactly one part");
    }

    static void assertSameParts(List<int[]> a, List<int[]> b) {
        assertEquals(a.size(), b.size());
        for (int k = 0; k < a.size(); k++) {
            assertArrayEquals(a.get(k), b.get(k), "part " + k + " drawn again from the same seed");
        }
    }

    static int classesPresent(int[] part) {
        return (int) Arrays.stream(part).map(i -> LABELS[i]).distinct().count();
    }

    @Test
    void iidIsBalancedAndReproducible() {
        List<int[]> a = new IidPartitioner().partition(LABELS, 10, 8, 5);
        assertCoverExactlyOnce(a, LABELS.length);
        a.forEach(p -> assertEquals(250, p.length));
        a.forEach(p -> assertEquals(10, classesPresent(p)));
        assertSameParts(a, new IidPartitioner().partition(LABELS, 10, 8, 5));
        List<int[]> c = new IidPartitioner().partition(LABELS, 10, 8, 6);
        assertTrue(!Arrays.equals(a.get(0), c.get(0)), "another seed, another partition");
    }

    @Test
    void dirichletIsSkewedAndReproducible() {
        List<int[]> a = new DirichletPartitioner(0.1).partition(LABELS, 10, 8, 5);
        assertCoverExactlyOnce(a, LABELS.length);
        assertSameParts(a, new DirichletPartitioner(0.1).partition(LABELS, 10, 8, 5));
        // Label skew: the dominant class of a provider holds far more than the IID 10%.
        double meanTopShare = a.stream().mapToDouble(p -> {
            int[] c = new int[10];
            Arrays.stream(p).forEach(i -> c[LABELS[i]]++);
            return Arrays.stream(c).max().getAsInt() / (double) p.length;
        }).average().orElseThrow();
        assertTrue(meanTopShare > 0.4, "mean dominant-class share " + meanTopShare);
        a.forEach(p -> assertTrue(p.length >= 10));
        double iidLike = new DirichletPartitioner(1000).partition(LABELS, 10, 8, 5).stream().mapToDouble(p -> {
            int[] c = new int[10];
            Arrays.stream(p).forEach(i -> c[LABELS[i]]++);
            return Arrays.stream(c).max().getAsInt() / (double) p.length;
        }).average().orElseThrow();
        assertTrue(iidLike < 0.2, "large alpha is nearly IID: " + iidLike);
    }

    @Test
    void quantitySkewsSizesNotLabelsAndIsReproducible() {
        List<int[]> a = new QuantityPartitioner(0.5).partition(LABELS, 10, 8, 5);
        assertCoverExactlyOnce(a, LABELS.length);
        assertSameParts(a, new QuantityPartitioner(0.5).partition(LABELS, 10, 8, 5));
        final int largest = a.stream().mapToInt(p -> p.length).max().orElseThrow();
        final int smallest = a.stream().mapToInt(p -> p.length).min().orElseThrow();
        assertTrue(largest > 3 * smallest, "sizes skewed: " + smallest + " to " + largest);
        a.forEach(p -> assertTrue(p.length >= 10, "at least 10 examples: " + p.length));
        // Labels as IID: a large part holds every class near its 10 %.
        final int[] big = a.stream().max(java.util.Comparator.comparingInt(p -> p.length)).orElseThrow();
        final int[] c = new int[10];
        Arrays.stream(big).forEach(i -> c[LABELS[i]]++);
        assertTrue(Arrays.stream(c).max().getAsInt() < 0.2 * big.length, "labels balanced within a part: " + Arrays.toString(c));
        final int nearlyEqual = new QuantityPartitioner(1000).partition(LABELS, 10, 8, 5).stream().mapToInt(p -> p.length).max().orElseThrow();
        assertTrue(nearlyEqual < 300, "large beta is nearly equal sizes: " + nearlyEqual);
        // Very small beta among many providers: every one still gets its floor.
        final List<int[]> tiny = new QuantityPartitioner(0.05).partition(LABELS, 10, 64, 5);
        assertCoverExactlyOnce(tiny, LABELS.length);
        tiny.forEach(p -> assertTrue(p.length >= 10, "the floor holds at beta 0.05, 64 parts: " + p.length));
    }

    @Test
    void shardsGiveEachProviderFewClasses() {
        List<int[]> a = new ShardPartitioner(2).partition(LABELS, 10, 10, 5);
        assertCoverExactlyOnce(a, LABELS.length);
        a.forEach(p -> assertEquals(200, p.length));
        a.forEach(p -> assertTrue(classesPresent(p) <= 2, "classes " + classesPresent(p)));
        assertSameParts(a, new ShardPartitioner(2).partition(LABELS, 10, 10, 5));
    }

    @Test
    void splitsAndCommitteeFragmentsAreDisjointAndSeeded() {
        float[] f = new float[LABELS.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = i;
        }
        Dataset d = new Dataset(f, LABELS, 1, 10);
        DataSplit s = Splits.split(d, 0.1, 0.2, 9);
        assertEquals(1400, s.train().size());
        assertEquals(200, s.validation().size());
        assertEquals(400, s.test().size());
        float[] all = new float[2000];
        System.arraycopy(s.train().features(), 0, all, 0, 1400);
        System.arraycopy(s.validation().features(), 0, all, 1400, 200);
        System.arraycopy(s.test().features(), 0, all, 1600, 400);
        Arrays.sort(all);
        assertArrayEquals(f, all);
        assertArrayEquals(s.test().features(), Splits.split(d, 0.1, 0.2, 9).test().features());
        List<Dataset> frags = Splits.committeeFragments(s.validation(), 3, 1);
        assertEquals(List.of(67, 67, 66), frags.stream().map(Dataset::size).toList());
    }

    @Test
    void partitionersParseFromNames() {
        assertEquals(new DirichletPartitioner(0.5), Partitions.parse("dirichlet:0.5"));
        assertEquals(new ShardPartitioner(2), Partitions.parse("shards:2"));
        assertEquals(new IidPartitioner(), Partitions.parse("iid"));
        assertEquals(new QuantityPartitioner(0.5), Partitions.parse("quantity:0.5"));
    }
}
