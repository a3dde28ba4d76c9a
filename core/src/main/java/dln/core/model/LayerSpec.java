package dln.core.model;

/**
 * One layer of an architecture. Which fields apply depends on {@code type}; absent fields are
 * null and are left out of the canonical JSON.
 *
 * <ul>
 *   <li>{@code dense}: units, activation</li>
 *   <li>{@code conv2d}: filters, kernel, stride, activation (square kernel, no padding)</li>
 *   <li>{@code maxpool}: kernel, stride</li>
 *   <li>{@code output}: units, activation ({@code softmax}), loss ({@code mcxent}); must be last</li>
 * </ul>
 *
 * @param type       dense | conv2d | maxpool | output
 * @param units      output width of dense and output layers
 * @param filters    output channels of conv2d
 * @param kernel     square kernel size of conv2d and maxpool
 * @param stride     stride of conv2d and maxpool
 * @param activation relu | tanh | sigmoid | identity | softmax (output only)
 * @param loss       mcxent (output only)
 */
public record LayerSpec(String type, Integer units, Integer filters, Integer kernel, Integer stride,
                        String activation, String loss) {

    /** A fully connected layer. */
    public static LayerSpec dense(int units, String activation) {
        return new LayerSpec("dense", units, null, null, null, activation, null);
    }

    /** A 2-D convolution with a square kernel and no padding. */
    public static LayerSpec conv2d(int filters, int kernel, int stride, String activation) {
        return new LayerSpec("conv2d", null, filters, kernel, stride, activation, null);
    }

    /** Max pooling with a square window. */
    public static LayerSpec maxpool(int kernel, int stride) {
        return new LayerSpec("maxpool", null, null, kernel, stride, null, null);
    }

    /** The softmax output layer with multi-class cross-entropy loss. */
    public static LayerSpec output(int classes) {
        return new LayerSpec("output", classes, null, null, null, "softmax", "mcxent");
    }
}
