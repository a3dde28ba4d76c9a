package dln.core.training;

import dln.core.data.Dataset;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Cuts a dataset into ND4J mini-batches (features as rows, labels one-hot) in a given order. */
public final class Batches {
    private Batches() {
    }

    /** Mini-batches of the examples in {@code order}; the last may be smaller. */
    public static List<DataSet> of(Dataset d, int[] order, int batchSize) {
        List<DataSet> out = new ArrayList<>((order.length + batchSize - 1) / batchSize);
        for (int start = 0; start < order.length; start += batchSize) {
            int n = Math.min(batchSize, order.length - start);
            out.add(new DataSet(features(d, order, start, n), oneHot(d, order, start, n)));
        }
        return out;
    }

    /** Features of {@code n} examples starting at position {@code start} of {@code order}. */
    public static INDArray features(Dataset d, int[] order, int start, int n) {
        int nf = d.numFeatures();
        float[] f = new float[n * nf];
        for (int k = 0; k < n; k++) {
            System.arraycopy(d.features(), order[start + k] * nf, f, k * nf, nf);
        }
        return Nd4j.create(f, new long[]{n, nf}, 'c');
    }

    private static INDArray oneHot(Dataset d, int[] order, int start, int n) {
        float[] l = new float[n * d.numClasses()];
        for (int k = 0; k < n; k++) {
            l[k * d.numClasses() + d.labels()[order[start + k]]] = 1f;
        }
        return Nd4j.create(l, new long[]{n, d.numClasses()}, 'c');
    }

    /** The identity order 0..n-1. */
    public static int[] identity(int n) {
        int[] o = new int[n];
        for (int i = 0; i < n; i++) {
            o[i] = i;
        }
        return o;
    }
}
