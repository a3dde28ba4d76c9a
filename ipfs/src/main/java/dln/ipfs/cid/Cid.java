package dln.ipfs.cid;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A content identifier of a file stored on IPFS: CIDv1 with codec raw ({@code 0x55}) or
 * dag-pb ({@code 0x70}), or a legacy CIDv0 ({@code Qm...}, implicitly dag-pb), always with a
 * sha2-256 multihash. Immutable; equal CIDs have equal {@link #toString()} forms, which is
 * why parsing accepts only the canonical text (base32 lower case for v1, base58btc for v0).
 *
 * <p>The binary layout is {@code varint(version) varint(codec) varint(0x12) varint(32) digest}
 * for v1 and just the multihash {@code 0x12 0x20 digest} for v0. It is encoded by hand because
 * no CID library is on Maven Central.
 */
public final class Cid {
    /** Multicodec of a raw block: the file's bytes themselves. */
    public static final int CODEC_RAW = 0x55;
    /** Multicodec of a dag-pb (UnixFS) node. */
    public static final int CODEC_DAG_PB = 0x70;
    /** Multihash code of sha2-256. */
    public static final int SHA2_256 = 0x12;
    /** Length in bytes of a sha2-256 digest. */
    public static final int SHA2_256_LENGTH = 32;

    // Longest accepted text: v1 sha2-256 CIDs are 59 characters; the cap keeps hostile input cheap.
    private static final int MAX_TEXT_LENGTH = 128;

    private final int version;
    private final int codec;
    private final byte[] digest;

    private Cid(int version, int codec, byte[] digest) {
        this.version = version;
        this.codec = codec;
        this.digest = digest;
    }

    /**
     * A CIDv1 of a raw block (a file of at most one chunk).
     *
     * @param sha256 the 32-byte sha2-256 digest of the block
     * @return the CID
     */
    public static Cid rawSha256(byte[] sha256) {
        return new Cid(1, CODEC_RAW, checkedDigest(sha256));
    }

    /**
     * A CIDv1 of a dag-pb node.
     *
     * @param sha256 the 32-byte sha2-256 digest of the encoded node
     * @return the CID
     */
    public static Cid dagPbSha256(byte[] sha256) {
        return new Cid(1, CODEC_DAG_PB, checkedDigest(sha256));
    }

    private static byte[] checkedDigest(byte[] sha256) {
        if (sha256 == null || sha256.length != SHA2_256_LENGTH) {
            throw new IllegalArgumentException("a sha2-256 digest has 32 bytes");
        }
        return sha256.clone();
    }

    /**
     * Parses and validates the text form of a CID.
     *
     * @param text a CIDv1 in base32 ({@code bafk...} or {@code bafy...}) or a CIDv0 ({@code Qm...})
     * @return the CID
     * @throws InvalidCidException if the text is not a canonical CID of a raw or dag-pb block
     *         hashed with sha2-256; the message says what is wrong
     */
    public static Cid parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new InvalidCidException("CID is empty");
        }
        String what = "CID '" + abbreviate(text) + "'";
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new InvalidCidException(what + " is " + text.length() + " characters long; a CID has at most "
                    + MAX_TEXT_LENGTH);
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                throw new InvalidCidException(what + " contains whitespace at position " + (i + 1)
                        + "; trim the input");
            }
        }
        if (text.startsWith("Qm")) {
            return parseV0(text, what);
        }
        char prefix = text.charAt(0);
        if (prefix != 'b') {
            throw new InvalidCidException(what + " has multibase prefix '" + prefix + "'; expected a CIDv1 in "
                    + "lower-case base32 (starts with 'b', convert with 'ipfs cid base32') or a CIDv0 (starts with 'Qm')");
        }
        return fromBytes(Base32.decode(text.substring(1), what), what);
    }

    /**
     * Whether {@code text} is a valid CID in the sense of {@link #parse(String)}.
     *
     * @param text any string, possibly null
     * @return true if parsing succeeds
     */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (InvalidCidException e) {
            return false;
        }
    }

    private static Cid parseV0(String text, String what) {
        if (text.length() != 46) {
            throw new InvalidCidException(what + " looks like a CIDv0 but has " + text.length()
                    + " characters instead of 46");
        }
        byte[] mh = Base58.decode(text, what);
        if (mh.length != 34 || mh[0] != SHA2_256 || mh[1] != SHA2_256_LENGTH) {
            throw new InvalidCidException(what + " is not a sha2-256 multihash in base58btc");
        }
        return new Cid(0, CODEC_DAG_PB, Arrays.copyOfRange(mh, 2, 34));
    }

    /**
     * Parses the binary form of a CID (as found in dag-pb links).
     *
     * @param bytes the binary CID
     * @return the CID
     * @throws InvalidCidException if the bytes are not a CID accepted by {@link #parse(String)}
     */
    public static Cid fromBytes(byte[] bytes) {
        return fromBytes(bytes, "binary CID " + HexFormat.of().formatHex(bytes, 0, Math.min(bytes.length, 40)));
    }

    private static Cid fromBytes(byte[] bytes, String what) {
        if (bytes.length == 34 && bytes[0] == SHA2_256 && bytes[1] == SHA2_256_LENGTH) {
            return new Cid(0, CODEC_DAG_PB, Arrays.copyOfRange(bytes, 2, 34));
        }
        Varint.Decoded version = Varint.read(bytes, 0, what + " (version)");
        if (version.value() != 1) {
            throw new InvalidCidException(what + " has CID version " + version.value() + "; only version 1 is "
                    + "written with a multibase prefix");
        }
        Varint.Decoded codec = Varint.read(bytes, version.next(), what + " (codec)");
        if (codec.value() != CODEC_RAW && codec.value() != CODEC_DAG_PB) {
            throw new InvalidCidException(what + " has codec 0x" + Long.toHexString(codec.value())
                    + "; a file CID is raw (0x55) or dag-pb (0x70)");
        }
        Varint.Decoded hash = Varint.read(bytes, codec.next(), what + " (multihash code)");
        if (hash.value() != SHA2_256) {
            throw new InvalidCidException(what + " uses multihash 0x" + Long.toHexString(hash.value())
                    + "; only sha2-256 (0x12) is accepted");
        }
        Varint.Decoded length = Varint.read(bytes, hash.next(), what + " (digest length)");
        int remaining = bytes.length - length.next();
        if (length.value() != SHA2_256_LENGTH || remaining != SHA2_256_LENGTH) {
            throw new InvalidCidException(what + " declares a " + length.value() + "-byte digest and carries "
                    + remaining + " bytes; sha2-256 needs exactly 32 (truncated or padded?)");
        }
        return new Cid(1, (int) codec.value(), Arrays.copyOfRange(bytes, length.next(), bytes.length));
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    /** @return 0 or 1 */
    public int version() {
        return version;
    }

    /** @return {@link #CODEC_RAW} or {@link #CODEC_DAG_PB} */
    public int codec() {
        return codec;
    }

    /** @return true if this CID names a single raw block whose sha2-256 is {@link #digest()} */
    public boolean isRaw() {
        return codec == CODEC_RAW;
    }

    /** @return a copy of the 32-byte sha2-256 digest */
    public byte[] digest() {
        return digest.clone();
    }

    /** @return the binary CID (for v0, the bare multihash) */
    public byte[] toBytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(36);
        if (version == 1) {
            Varint.write(out, 1);
            Varint.write(out, codec);
        }
        out.write(SHA2_256);
        out.write(SHA2_256_LENGTH);
        out.writeBytes(digest);
        return out.toByteArray();
    }

    /** @return the canonical text: {@code b} + lower-case base32 for v1, base58btc for v0 */
    @Override
    public String toString() {
        return version == 1 ? "b" + Base32.encode(toBytes()) : Base58.encode(toBytes());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cid other && version == other.version && codec == other.codec
                && Arrays.equals(digest, other.digest);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(digest) * 31 + codec * 7 + version;
    }
}
