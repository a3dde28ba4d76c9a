package dln.core.data;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The binary dataset format (docs/formats.md, "Dataset file"): the MNIST cache and the plaintext
 * of validation fragments. A 20-byte header, one label byte per example, then the features as
 * either bytes (value = b / 255) or little-endian float32.
 *
 * <p>Version 1 is a classification (the header's class count 2..256, a label byte per example);
 * version 2 a regression (class count 0, a little-endian float32 target per example instead of
 * the label bytes). A classification is still written as version 1, byte for byte as before, and
 * both versions are read.
 */
public final class DatasetCodec {
    /** ASCII {@code DLND}. */
    static final byte[] MAGIC = {'D', 'L', 'N', 'D'};
    static final int VERSION = 1;
    /** A regression: float32 targets instead of label bytes. */
    static final int VERSION_REGRESSION = 2;
    static final int HEADER = 20;

    /** How feature values are stored. */
    public enum Encoding {
        /** One byte per value, value = byte / 255: exact for 8-bit images, 4x smaller. */
        UINT8(1),
        /** Little-endian IEEE-754 float32. */
        FLOAT32(2);

        final int code;

        Encoding(int code) {
            this.code = code;
        }
    }

    private DatasetCodec() {
    }

    /** UINT8 when every value is exactly {@code k / 255f}, else FLOAT32. */
    public static Encoding smallestExact(Dataset d) {
        for (float v : d.features()) {
            if (!(v >= 0f && v <= 1f) || Math.round(v * 255f) / 255f != v) {
                return Encoding.FLOAT32;
            }
        }
        return Encoding.UINT8;
    }

    /** Writes {@code d} to {@code out} (not closed). */
    public static void write(OutputStream out, Dataset d, Encoding enc) throws IOException {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN)
                .put(MAGIC).putShort((short) (d.isRegression() ? VERSION_REGRESSION : VERSION)).put((byte) enc.code).put((byte) 0)
                .putInt(d.size()).putInt(d.numFeatures()).putShort((short) d.numClasses()).putShort((short) 0);
        out.write(h.array());
        if (d.isRegression()) {
            ByteBuffer t = ByteBuffer.allocate(4 * d.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (float v : d.targets()) {
                t.putFloat(v);
            }
            out.write(t.array());
        } else {
            byte[] labels = new byte[d.size()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = (byte) d.labels()[i];
            }
            out.write(labels);
        }
        float[] f = d.features();
        ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        int width = enc == Encoding.UINT8 ? 1 : 4;
        for (float v : f) {
            if (buf.remaining() < width) {
                out.write(buf.array(), 0, buf.position());
                buf.clear();
            }
            if (enc == Encoding.UINT8) {
                int k = Math.round(v * 255f);
                if (k < 0 || k > 255 || k / 255f != v) {
                    throw new IllegalArgumentException("value " + v + " is not exactly k/255; use FLOAT32");
                }
                buf.put((byte) k);
            } else {
                buf.putFloat(v);
            }
        }
        out.write(buf.array(), 0, buf.position());
    }

    /** Encodes with {@link #smallestExact}. */
    public static byte[] toBytes(Dataset d) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(out, d, smallestExact(d));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Decodes a whole dataset file; rejects bad magic, truncation, trailing bytes and bad labels. */
    public static Dataset read(InputStream in) throws IOException {
        DataInputStream din = new DataInputStream(in);
        byte[] hb = readExactly(din, HEADER, "header");
        ByteBuffer h = ByteBuffer.wrap(hb).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[4];
        h.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new DatasetFormatException("not a dln dataset file (bad magic)");
        }
        int version = Short.toUnsignedInt(h.getShort());
        if (version != VERSION && version != VERSION_REGRESSION) {
            throw new DatasetFormatException("unsupported dataset format version " + version);
        }
        int code = Byte.toUnsignedInt(h.get());
        h.get();
        long count = Integer.toUnsignedLong(h.getInt());
        long nf = Integer.toUnsignedLong(h.getInt());
        int classes = Short.toUnsignedInt(h.getShort());
        Encoding enc = switch (code) {
            case 1 -> Encoding.UINT8;
            case 2 -> Encoding.FLOAT32;
            default -> throw new DatasetFormatException("unknown feature encoding " + code);
        };
        if (nf == 0 || count * nf > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException("dataset dimensions out of range: " + count + " x " + nf);
        }
        boolean regression = version == VERSION_REGRESSION;
        int[] labels = null;
        float[] targets = null;
        if (regression) {
            if (count > (Integer.MAX_VALUE - 8) / 4) {
                throw new DatasetFormatException("dataset dimensions out of range: " + count + " targets");
            }
            ByteBuffer tb = ByteBuffer.wrap(readExactly(din, (int) count * 4, "targets")).order(ByteOrder.LITTLE_ENDIAN);
            targets = new float[(int) count];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = tb.getFloat();
                if (!Float.isFinite(targets[i])) {
                    throw new DatasetFormatException("non-finite target at example " + i);
                }
            }
        } else {
            byte[] lb = readExactly(din, (int) count, "labels");
            labels = new int[(int) count];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = Byte.toUnsignedInt(lb[i]);
            }
        }
        float[] features = new float[(int) (count * nf)];
        int width = enc == Encoding.UINT8 ? 1 : 4;
        byte[] chunk = new byte[1 << 16];
        ByteBuffer view = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        int i = 0;
        while (i < features.length) {
            int want = Math.min(chunk.length, (features.length - i) * width);
            if (din.readNBytes(chunk, 0, want) < want) {
                throw new DatasetFormatException("truncated dataset file: features end early");
            }
            for (int k = 0; k < want; k += width, i++) {
                float v = width == 1 ? Byte.toUnsignedInt(chunk[k]) / 255f : view.getFloat(k);
                if (!Float.isFinite(v)) {
                    throw new DatasetFormatException("non-finite feature value at index " + i);
                }
                features[i] = v;
            }
        }
        if (din.read() != -1) {
            throw new DatasetFormatException("dataset file has trailing bytes");
        }
        try {
            return new Dataset(features, labels, (int) nf, classes, targets);
        } catch (IllegalArgumentException e) {
            throw new DatasetFormatException("invalid dataset: " + e.getMessage(), e);
        }
    }

    /** Decodes a byte array; see {@link #read(InputStream)}. */
    public static Dataset fromBytes(byte[] bytes) {
        try {
            return read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readExactly(DataInputStream in, int n, String what) throws IOException {
        byte[] b = in.readNBytes(n);
        if (b.length < n) {
            throw new DatasetFormatException("truncated dataset file: " + what + " end early");
        }
        return b;
    }
}
