package dln.core.model;

import java.util.List;

/**
 * One layer of an architecture. Which fields apply depends on {@code type}; absent fields are
 * null and are left out of the canonical JSON, so a spec written before a field existed keeps
 * its architecture hash. An omitted optional field takes the default given below (writing the
 * default out is the same model but another hash). docs/models-and-data.md, "Layers and heads",
 * has a JSON example of each.
 *
 * <ul>
 *   <li>{@code dense}: units, activation</li>
 *   <li>{@code conv2d}: filters, kernel, stride, activation, padding ({@code valid} (default) or
 *       {@code same}: output size ceil(in / stride), zeros split as TensorFlow does, the odd one
 *       at the bottom/right)</li>
 *   <li>{@code maxpool}, {@code avgpool}: kernel, stride, padding ({@code valid} (default) or
 *       {@code same}: the windows at the edge take only the values inside the input; the average
 *       divides by their number)</li>
 *   <li>{@code globalavgpool}, {@code globalmaxpool}: [c, h, w] to [c]</li>
 *   <li>{@code batchnorm}: momentum (default 0.9), epsilon (default 1e-5), activation (default
 *       identity); per feature of a [n] input, per channel of a [c, h, w] input</li>
 *   <li>{@code dropout}: rate in [0, 1); training only</li>
 *   <li>{@code add}: from (index of an earlier layer whose output is added to this layer's input;
 *       the shapes must be equal), activation (default identity)</li>
 *   <li>{@code flatten}: to [n]; {@code reshape}: shape (the new shape, same number of values)</li>
 *   <li>{@code embedding}: columns (input column indices holding category indices 0..k-1),
 *       cardinalities (k of each), units (vector width per column); first layer only</li>
 *   <li>{@code output}: must be last; units, activation and loss choose the head:
 *       {@code softmax}/{@code mcxent} (classes = units &ge; 2), {@code sigmoid}/{@code xent}
 *       (units 1, binary, threshold default 0.5), {@code identity}/{@code mse} (regression,
 *       units outputs)</li>
 * </ul>
 *
 * @param type          the layer type (above)
 * @param units         output width of dense, output and (per column) embedding layers
 * @param filters       output channels of conv2d
 * @param kernel        square window size of conv2d and pooling
 * @param stride        stride of conv2d and pooling
 * @param activation    relu | tanh | sigmoid | identity; softmax | sigmoid | identity on the output
 * @param loss          mcxent | xent | mse (output only)
 * @param padding       valid | same (conv2d and pooling)
 * @param rate          dropout rate
 * @param from          the earlier layer an add layer adds
 * @param shape         target shape of reshape
 * @param columns       categorical input columns of an embedding
 * @param cardinalities categories per column of an embedding
 * @param threshold     decision threshold of the sigmoid head
 * @param momentum      batch-norm running statistics: {@code running = momentum * running + (1 - momentum) * batch}
 * @param epsilon       batch-norm variance epsilon
 */
public record LayerSpec(String type, Integer units, Integer filters, Integer kernel, Integer stride,
                        String activation, String loss, String padding, Double rate, Integer from,
                        List<Integer> shape, List<Integer> columns, List<Integer> cardinalities,
                        Double threshold, Double momentum, Double epsilon) {
    /** Default batch-norm momentum. */
    public static final double DEFAULT_MOMENTUM = 0.9;
    /** Default batch-norm epsilon. */
    public static final double DEFAULT_EPSILON = 1e-5;
    /** Default decision threshold of the sigmoid head. */
    public static final double DEFAULT_THRESHOLD = 0.5;

    public LayerSpec {
        shape = shape == null ? null : List.copyOf(shape);
        columns = columns == null ? null : List.copyOf(columns);
        cardinalities = cardinalities == null ? null : List.copyOf(cardinalities);
    }

    /** The fields every layer had before issue 16 (the others null). */
    public LayerSpec(String type, Integer units, Integer filters, Integer kernel, Integer stride,
                     String activation, String loss) {
        this(type, units, filters, kernel, stride, activation, loss, null, null, null, null, null, null, null, null, null);
    }

    private static LayerSpec of(String type) {
        return new LayerSpec(type, null, null, null, null, null, null);
    }

    /** A fully connected layer. */
    public static LayerSpec dense(int units, String activation) {
        return new LayerSpec("dense", units, null, null, null, activation, null);
    }

    /** A 2-D convolution with a square kernel and no padding. */
    public static LayerSpec conv2d(int filters, int kernel, int stride, String activation) {
        return new LayerSpec("conv2d", null, filters, kernel, stride, activation, null);
    }

    /** A 2-D convolution with a square kernel, padded {@code same} (output ceil(in / stride)). */
    public static LayerSpec conv2dSame(int filters, int kernel, int stride, String activation) {
        return new LayerSpec("conv2d", null, filters, kernel, stride, activation, null, "same",
                null, null, null, null, null, null, null, null);
    }

    /** Max pooling with a square window. */
    public static LayerSpec maxpool(int kernel, int stride) {
        return new LayerSpec("maxpool", null, null, kernel, stride, null, null);
    }

    /** Average pooling with a square window. */
    public static LayerSpec avgpool(int kernel, int stride) {
        return new LayerSpec("avgpool", null, null, kernel, stride, null, null);
    }

    /** Average of each channel over height and width. */
    public static LayerSpec globalAvgPool() {
        return of("globalavgpool");
    }

    /** Maximum of each channel over height and width. */
    public static LayerSpec globalMaxPool() {
        return of("globalmaxpool");
    }

    /** Batch normalisation with the default momentum and epsilon, then {@code activation}. */
    public static LayerSpec batchNorm(String activation) {
        return new LayerSpec("batchnorm", null, null, null, null, activation, null);
    }

    /** Dropout of {@code rate} of the values in training. */
    public static LayerSpec dropout(double rate) {
        return new LayerSpec("dropout", null, null, null, null, null, null, null, rate, null, null, null, null, null, null, null);
    }

    /** Adds the output of layer {@code from} to this layer's input, then {@code activation}. */
    public static LayerSpec add(int from, String activation) {
        return new LayerSpec("add", null, null, null, null, activation, null, null, null, from, null, null, null, null, null, null);
    }

    /** Flattens to one dimension. */
    public static LayerSpec flatten() {
        return of("flatten");
    }

    /** Reshapes to {@code shape} (same number of values, c order). */
    public static LayerSpec reshape(List<Integer> shape) {
        return new LayerSpec("reshape", null, null, null, null, null, null, null, null, null, shape, null, null, null, null, null);
    }

    /** An embedding of the categorical input {@code columns} of {@code cardinalities} categories, {@code units} wide each. */
    public static LayerSpec embedding(List<Integer> columns, List<Integer> cardinalities, int units) {
        return new LayerSpec("embedding", units, null, null, null, null, null, null, null, null, null, columns, cardinalities, null, null, null);
    }

    /** The softmax output layer with multi-class cross-entropy loss. */
    public static LayerSpec output(int classes) {
        return new LayerSpec("output", classes, null, null, null, "softmax", "mcxent");
    }

    /** The binary head: one sigmoid unit, binary cross-entropy, class 1 when the output is at least {@code threshold}. */
    public static LayerSpec sigmoidOutput(double threshold) {
        return new LayerSpec("output", 1, null, null, null, "sigmoid", "xent", null, null, null, null, null, null, threshold, null, null);
    }

    /** The regression head: {@code outputs} identity units, mean squared error. */
    public static LayerSpec regressionOutput(int outputs) {
        return new LayerSpec("output", outputs, null, null, null, "identity", "mse");
    }
}
