package dln.core.model;

import java.util.List;
import org.bytedeco.javacpp.FloatPointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.bytedeco.openblas.global.openblas_nolapack.CblasNoTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasRowMajor;
import static org.bytedeco.openblas.global.openblas_nolapack.CblasTrans;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm;
import static org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemv;

/**
 * The weight and bias gradients of a network's first layer when it is a valid-padded
 * convolution, for one batch size. ND4J's {@code conv2d_bp} also computes the input's gradient,
 * which nothing needs below the first layer, through a slow {@code col2im}: it took 5x the
 * forward convolution for LeNet's first layer (docs/performance.md). Here the input patches are
 * gathered in Java from the batch as staged on the heap (a run of contiguous pixels per patch
 * row), copied once to native memory, and the gradient is one BLAS product per example,
 * accumulated in example order, so the result does not depend on timing.
 *
 * <p>Layouts: the input [n, c, h, w] (NCHW, as the network's input buffer), the gradient of the
 * pre-activation [n, f, oh, ow], the weights YXIO [k, k, c, f] and the bias [f].
 */
final class FirstConvGradient {
    private final int n;
    private final int channels;
    private final int height;
    private final int width;
    private final int kernel;
    private final int stride;
    private final int filters;
    private final int outH;
    private final int outW;
    /** Patches, per example a [k*k*c, oh*ow] matrix whose rows follow the weights' YXI order. */
    private final float[] patches;
    private final INDArray patchesNative;
    private final INDArray ones;
    private final INDArray perExampleBias;

    /** True for a valid-padded conv2d on the input. */
    static boolean supports(LayerPlan l) {
        return l.index() == 0 && "conv2d".equals(l.spec().type()) && !"same".equals(l.spec().padding()) && l.inShape().size() == 3;
    }

    FirstConvGradient(LayerPlan l, int n) {
        if (!supports(l)) {
            throw new IllegalArgumentException("not a valid-padded first convolution: " + l.spec());
        }
        List<Integer> in = l.inShape();
        this.n = n;
        this.channels = in.get(0);
        this.height = in.get(1);
        this.width = in.get(2);
        this.kernel = l.spec().kernel();
        this.stride = l.spec().stride();
        this.filters = l.outShape().get(0);
        this.outH = l.outShape().get(1);
        this.outW = l.outShape().get(2);
        int rows = kernel * kernel * channels;
        this.patches = new float[n * rows * outH * outW];
        this.patchesNative = Nd4j.create(DataType.FLOAT, patches.length);
        this.ones = Nd4j.ones(DataType.FLOAT, Math.max(n, outH * outW));
        this.perExampleBias = Nd4j.create(DataType.FLOAT, (long) n * filters);
    }

    /**
     * Writes the weight gradient {@code dW[y, x, c, f] = sum over examples and positions of
     * input patch (y, x, c) times dPre[f]} and the bias gradient {@code db[f] = sum of dPre[f]}.
     *
     * @param input the batch's input as staged, [n, c, h, w] row-major
     * @param dPre  the gradient of the layer's pre-activation [n, f, oh, ow]
     * @param dW    the weight gradient [k, k, c, f] (a view into the flat gradient)
     * @param db    the bias gradient [f] (likewise)
     */
    void backward(float[] input, INDArray dPre, INDArray dW, INDArray db) {
        gather(input);
        FloatPointer p = (FloatPointer) patchesNative.data().addressPointer();
        p.put(patches, 0, patches.length);
        int rows = kernel * kernel * channels;
        int positions = outH * outW;
        FloatPointer d = DirectNetwork.pointer(dPre);
        FloatPointer w = DirectNetwork.pointer(dW);
        long patchStride = (long) rows * positions;
        long gradStride = (long) filters * positions;
        for (int e = 0; e < n; e++) {
            // dW [rows, f] (+)= patches_e [rows, P] x dPre_e [f, P]^T
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, filters, positions, 1f,
                    new FloatPointer(p).position(e * patchStride), positions,
                    new FloatPointer(d).position(e * gradStride), positions, e == 0 ? 0f : 1f, w, filters);
        }
        // db = sum over positions, then over examples: two matrix-vector products with ones
        FloatPointer one = DirectNetwork.pointer(ones);
        FloatPointer perExample = DirectNetwork.pointer(perExampleBias);
        cblas_sgemv(CblasRowMajor, CblasNoTrans, n * filters, positions, 1f, d, positions, one, 1, 0f, perExample, 1);
        cblas_sgemv(CblasRowMajor, CblasTrans, n, filters, 1f, perExample, filters, one, 1, 0f, DirectNetwork.pointer(db), 1);
    }

    /** Fills {@link #patches}: row (y, x, c) of example e holds input[e, c, oy*s + y, ox*s + x] over (oy, ox). */
    private void gather(float[] input) {
        int rows = kernel * kernel * channels;
        int positions = outH * outW;
        int image = channels * height * width;
        for (int e = 0; e < n; e++) {
            int row = 0;
            for (int y = 0; y < kernel; y++) {
                for (int x = 0; x < kernel; x++) {
                    for (int c = 0; c < channels; c++, row++) {
                        int to = (e * rows + row) * positions;
                        int from = e * image + c * height * width + y * width + x;
                        for (int oy = 0; oy < outH; oy++) {
                            int src = from + oy * stride * width;
                            if (stride == 1) {
                                System.arraycopy(input, src, patches, to + oy * outW, outW);
                            } else {
                                for (int ox = 0; ox < outW; ox++) {
                                    patches[to + oy * outW + ox] = input[src + ox * stride];
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
