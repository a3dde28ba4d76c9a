package dln.core.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dln.core.crypto.Digests;
import dln.core.data.Dataset;
import dln.core.data.DatasetCodec;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerSpec;
import dln.core.model.SpecJson;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keeps the worked examples of docs/formats.md true. */
class FormatsExampleTest {
    @Test
    void weightFileExampleMatchesTheDocs() {
        ArchitectureSpec a = new ArchitectureSpec(List.of(2), List.of(LayerSpec.output(2)));
        assertEquals("{\"input\":[2],\"layers\":[{\"activation\":\"softmax\",\"loss\":\"mcxent\",\"type\":\"output\",\"units\":2}]}",
                SpecJson.canonical(a));
        String hash = SpecJson.architectureHash(a);
        assertEquals("bad05b4c7a2c04b98dc3f88530490501b24b1ff210f7b62492cdf3368f0c6f10", hash);
        assertEquals(6, ArchitecturePlan.of(a).parameterCount());
        byte[] file = WeightFiles.toBytes(hash, new float[]{0.5f, -1f, 0.25f, 2f, 0f, 1f});
        assertEquals("444c4e5701000100bad05b4c7a2c04b98dc3f88530490501b24b1ff210f7b62492cdf3368f0c6f10"
                + "0600000000000000" + "0000003f000080bf0000803e0000004000000000" + "0000803f", HexFormat.of().formatHex(file));
        assertEquals("10ce782f9a09cb88935981d4ff0149f42e4b0669356148384d0bf07de19825a7", Digests.sha256Hex(file));
    }

    @Test
    void datasetExampleMatchesTheDocs() {
        Dataset d = new Dataset(new float[]{0f, 1f, 128 / 255f, 3 / 255f, 0f, 51 / 255f}, new int[]{1, 0}, 3, 2);
        assertEquals("444c4e4401000100020000000300000002000000" + "0100" + "00ff80030033",
                HexFormat.of().formatHex(DatasetCodec.toBytes(d)));
    }
}
