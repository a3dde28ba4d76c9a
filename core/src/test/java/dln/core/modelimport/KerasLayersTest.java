package dln.core.modelimport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Keras settings dln cannot reproduce are refused naming the layer and the setting, not approximated. */
class KerasLayersTest {

    private static SpecAssembler imageModel() {
        final SpecAssembler a = new SpecAssembler("m.h5");
        a.input(List.of(2, 6, 6));
        return a;
    }

    private static String refusal(final SpecAssembler into, final String cls, final String config) {
        into.at(1, "x", cls);
        final JsonObject c = JsonParser.parseString(config).getAsJsonObject();
        final KerasLayer l = new KerasLayer(cls, c, Map.of("kernel", Nd4j.zeros(DataType.FLOAT, 3, 3, 2, 4), "bias", Nd4j.zeros(DataType.FLOAT, 4)),
                "channels_last", null);
        return assertThrows(UnsupportedModelException.class, () -> KerasLayers.of(cls).map(l, into)).getMessage();
    }

    @Test
    void samePaddingKeepsTheSizeAtStrideOneAndAnotherPaddingIsRefused() {
        final SpecAssembler a = imageModel();
        a.at(1, "x", "Conv2D");
        KerasLayers.of("Conv2D").map(new KerasLayer("Conv2D", JsonParser.parseString(
                "{\"name\":\"x\",\"filters\":4,\"kernel_size\":[3,3],\"padding\":\"same\",\"activation\":\"relu\"}").getAsJsonObject(),
                Map.of("kernel", Nd4j.zeros(DataType.FLOAT, 3, 3, 2, 4), "bias", Nd4j.zeros(DataType.FLOAT, 4)), "channels_last", null), a);
        assertEquals(List.of(4, 6, 6), a.shape());
        assertEquals("m.h5: layer 1 'x' (Conv2D): padding 'causal' is not supported (valid or same)",
                refusal(imageModel(), "Conv2D", "{\"name\":\"x\",\"filters\":4,\"kernel_size\":[3,3],\"padding\":\"causal\",\"activation\":\"relu\"}"));
    }

    @Test
    void aRectangularKernelIsRefused() {
        assertEquals("m.h5: layer 1 'x' (Conv2D): kernel_size [3, 1] is not square (dln takes square kernels and equal strides)",
                refusal(imageModel(), "Conv2D", "{\"name\":\"x\",\"filters\":4,\"kernel_size\":[3,1],\"activation\":\"relu\"}"));
    }

    @Test
    void anActivationDlnLacksIsRefused() {
        final SpecAssembler a = new SpecAssembler("m.h5");
        a.input(List.of(3));
        assertEquals("m.h5: layer 1 'x' (Dense): activation 'gelu' is not supported (linear, relu, sigmoid, softmax, tanh)",
                refusal(a, "Dense", "{\"name\":\"x\",\"units\":4,\"activation\":\"gelu\"}"));
    }

    @Test
    void aDenseLayerOnAnImageWithoutFlattenIsRefused() {
        // Keras applies it per position; dln's dense flattens first: not the same network.
        assertEquals("m.h5: layer 1 'x' (Dense): a dense layer on an image-shaped input (the source applies it per position; "
                        + "dln would flatten first): add a Flatten before it",
                refusal(imageModel(), "Dense", "{\"name\":\"x\",\"units\":4,\"activation\":\"relu\"}"));
    }
}
