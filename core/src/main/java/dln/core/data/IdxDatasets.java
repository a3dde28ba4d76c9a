package dln.core.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/**
 * Loads the IDX format of the original MNIST distribution (and its many clones): an unsigned-byte
 * image file (magic 0x00000803, big-endian dimensions n, rows, cols) and a label file (magic
 * 0x00000801, n). Files ending in {@code .gz} are decompressed on the fly. Pixels become
 * {@code byte / 255}.
 */
public final class IdxDatasets {
    private static final int IMAGES_MAGIC = 0x00000803;
    private static final int LABELS_MAGIC = 0x00000801;

    private IdxDatasets() {
    }

    /** Loads an image file and its label file. */
    public static Dataset load(Path images, Path labels, int numClasses) throws IOException {
        int[] l;
        try (DataInputStream in = open(labels)) {
            int magic = in.readInt();
            if (magic != LABELS_MAGIC) {
                throw new DatasetFormatException(labels + ": not an IDX label file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = in.readInt();
            byte[] raw = readFully(in, n, labels);
            l = new int[n];
            for (int i = 0; i < n; i++) {
                l[i] = Byte.toUnsignedInt(raw[i]);
                if (l[i] >= numClasses) {
                    throw new DatasetFormatException(labels + ": label " + l[i] + " of example " + i
                            + " is not below " + numClasses);
                }
            }
        }
        try (DataInputStream in = open(images)) {
            int magic = in.readInt();
            if (magic != IMAGES_MAGIC) {
                throw new DatasetFormatException(images + ": not an IDX ubyte image file (magic " + Integer.toHexString(magic) + ")");
            }
            int n = in.readInt();
            int rows = in.readInt();
            int cols = in.readInt();
            if (n != l.length) {
                throw new DatasetFormatException(images + " has " + n + " images but " + labels + " has " + l.length + " labels");
            }
            long size = (long) n * rows * cols;
            if (rows < 1 || cols < 1 || size > Integer.MAX_VALUE - 8) {
                throw new DatasetFormatException(images + ": bad dimensions " + n + "x" + rows + "x" + cols);
            }
            byte[] raw = readFully(in, (int) size, images);
            float[] f = new float[raw.length];
            for (int i = 0; i < raw.length; i++) {
                f[i] = Byte.toUnsignedInt(raw[i]) / 255f;
            }
            return new Dataset(f, l, rows * cols, numClasses);
        } catch (EOFException e) {
            throw new DatasetFormatException(images + ": truncated IDX header", e);
        }
    }

    private static DataInputStream open(Path p) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(p));
        return new DataInputStream(p.toString().endsWith(".gz") ? new GZIPInputStream(in) : in);
    }

    private static byte[] readFully(DataInputStream in, int n, Path p) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new DatasetFormatException(p + ": truncated, expected " + n + " bytes of data, got " + b.length);
        }
        return b;
    }
}
