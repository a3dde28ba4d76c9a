package dln.core.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.core.weights.WeightFileSource;
import dln.core.weights.WeightFileWriter;
import dln.core.weights.WeightFiles;
import dln.core.weights.WeightFormatException;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.FileCids;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Weight files streamed to and from the store, and their CIDs computed without the whole file in memory. */
class WeightStoreFilesTest {
    static final String HASH = "ab".repeat(32);

    static float[] vector(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = i * 0.25f - 7;
        }
        return v;
    }

    /** Files of one chunk minus a value, exactly one chunk, one value over, and 174 chunks + 1 value (a second tree level). */
    @ParameterizedTest(name = "{0} parameters")
    @ValueSource(ints = {0, 65_523, 65_524, 65_525, 174 * 65_536 - 12 + 1})
    void streamedCidIsTheCidOfTheWholeFile(int n) throws IOException {
        float[] v = vector(n);
        assertEquals(FileCids.of(WeightFiles.toBytes(HASH, v)).toString(), WeightStore.cidOf(HASH, v));
    }

    @Test
    void aFileWrittenInChunksIsStoredAndFetchedBackForRangeReads(@TempDir Path dir) throws IOException {
        float[] v = vector(200_000);
        Path file = dir.resolve("out.dlnw");
        try (OutputStream out = Files.newOutputStream(file)) {
            WeightFileWriter w = new WeightFileWriter(out, HASH, v.length);
            for (int from = 0; from < v.length; from += 65_536) {
                w.write(v, from, Math.min(65_536, v.length - from));
            }
            w.finish();
        }
        WeightStore store = new WeightStore(new MemoryStore(), 0);
        String cid = store.putWeightsFile(file, HASH, v.length, TransferListener.NONE);
        assertEquals(WeightStore.cidOf(HASH, v), cid);
        assertArrayEquals(v, store.getWeights(cid, HASH, v.length));
        Path copy = dir.resolve("copy.dlnw");
        try (WeightFileSource s = store.fetchWeightsFile(cid, HASH, v.length, copy)) {
            float[] part = new float[1000];
            s.read(150_000, part, 0, part.length);
            for (int k = 0; k < part.length; k++) {
                assertEquals(v[150_000 + k], part[k]);
            }
        }
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(copy));
        assertThrows(WeightFormatException.class, () -> store.fetchWeightsFile(cid, HASH, v.length + 1, dir.resolve("bad")));
        assertThrows(WeightFormatException.class, () -> store.putWeightsFile(file, "cd".repeat(32), v.length, TransferListener.NONE));
    }
}
