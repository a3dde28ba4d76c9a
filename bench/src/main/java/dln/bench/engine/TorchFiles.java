package dln.bench.engine;

import dln.core.data.Dataset;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The raw little-endian files the PyTorch scripts read with {@code numpy.fromfile}: float32 and
 * int32 arrays, and a dataset as {@code PREFIX-x.f32} (features, row-major) beside
 * {@code PREFIX-y.i32} (labels). One writer for the engine, learning and session benches.
 */
public final class TorchFiles {
    private TorchFiles() {
    }

    /** {@code v} as little-endian float32. */
    public static void floats(Path f, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Files.write(f, b.array());
    }

    /** {@code v} as little-endian int32. */
    public static void ints(Path f, int[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(v);
        Files.write(f, b.array());
    }

    /** {@code d}'s features and labels as {@code dir/PREFIX-x.f32} and {@code dir/PREFIX-y.i32}. */
    public static void dataset(Path dir, String prefix, Dataset d) throws IOException {
        floats(dir.resolve(prefix + "-x.f32"), d.features());
        ints(dir.resolve(prefix + "-y.i32"), d.labels());
    }
}
