package dln.core.model;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.blas.params.MMulTranspose;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.Mmul;

/**
 * A dense layer's {@code z = x W + b} into a buffer of one batch size, with the bias inside the
 * product: {@code z} is first filled with copies of the bias row (plain memory copies, doubling
 * the rows filled each time: about log2(rows) copies, no op), then ND4J's {@code Mmul} adds
 * {@code x W} to it ({@code beta = 1}). Why: the separate bias broadcast was one more ND4J op and
 * parallel region per layer and 9 % of an MLP evaluation (docs/performance.md, "Fourth round");
 * the copies cost about a third of it. The products' partition of the work depends on the shapes
 * and thread count only, so repeated runs stay bit-identical.
 */
final class BiasedProduct {
    private final PreparedOp product;
    private final FloatPointer bias;
    private final FloatPointer z;
    private final int rows;
    private final int units;

    /**
     * @param x the layer's input [rows, in]
     * @param w its weights [in, units]
     * @param b its bias [units] (a view of the parameters: read at each {@link #run})
     * @param z the output [rows, units], contiguous and row-major
     */
    BiasedProduct(INDArray x, INDArray w, INDArray b, INDArray z) {
        if (z.rank() != 2 || b.length() != z.size(1) || w.size(1) != z.size(1) || x.size(0) != z.size(0) || x.size(1) != w.size(0)) {
            throw new IllegalStateException("x W + b of " + java.util.Arrays.toString(x.shape()) + ", " + java.util.Arrays.toString(w.shape())
                    + " and " + java.util.Arrays.toString(b.shape()) + " into " + java.util.Arrays.toString(z.shape()));
        }
        this.product = new PreparedOp(new Mmul(x, w, z, 1.0, 1.0, MMulTranspose.builder().build()));
        this.bias = DirectNetwork.pointer(b);
        this.z = DirectNetwork.pointer(z);
        this.rows = (int) z.size(0);
        this.units = (int) z.size(1);
    }

    /** Computes {@code z = x W + b} with the current parameters. */
    void run() {
        long rowBytes = (long) Float.BYTES * units;
        Pointer.memcpy(z, bias, rowBytes);
        for (int filled = 1; filled < rows; filled *= 2) {
            int copy = Math.min(filled, rows - filled);
            Pointer.memcpy(z.getPointer((long) filled * units), z, copy * rowBytes);
        }
        product.run();
    }
}
