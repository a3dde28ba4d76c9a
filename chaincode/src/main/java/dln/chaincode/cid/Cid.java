package dln.chaincode.cid;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;

/**
 * IPFS content ids as Kubo produces them: CIDv0 ("Qm...", base58btc, dag-pb, sha2-256) or CIDv1
 * in base32 ("b...", raw or dag-pb, sha2-256). Both spellings of the same dag-pb content map to
 * one normal form (CIDv1 base32), so re-spelling a CID cannot dodge the duplicate-weights rule.
 */
public final class Cid {

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final int CODEC_RAW = 0x55;
    private static final int CODEC_DAG_PB = 0x70;
    private static final int SHA2_256 = 0x12;
    private static final int DIGEST_LENGTH = 32;
    private static final int MAX_CHARS = 128;

    private Cid() {
    }

    /** The CIDv1 base32 form of a valid CID; fails with INVALID_CID naming the field otherwise. */
    public static String normalize(final String cid, final String where) {
        if (cid == null || cid.isEmpty() || cid.length() > MAX_CHARS) {
            throw Violation.of(Rule.INVALID_CID, where + " must be a CID of at most " + MAX_CHARS + " characters");
        }
        if (cid.startsWith("Qm") && cid.length() == 46) {
            final byte[] mh = base58(cid, where);
            checkMultihash(mh, 0, where);
            return v1(CODEC_DAG_PB, mh);
        }
        if (cid.charAt(0) == 'b') {
            final byte[] bytes = base32(cid.substring(1), where);
            if (bytes.length != 4 + DIGEST_LENGTH || bytes[0] != 0x01
                    || ((bytes[1] & 0xff) != CODEC_RAW && (bytes[1] & 0xff) != CODEC_DAG_PB)) {
                throw Violation.of(Rule.INVALID_CID, where + " must be a CIDv1 with codec raw or dag-pb and a sha2-256 multihash");
            }
            final byte[] mh = new byte[bytes.length - 2];
            System.arraycopy(bytes, 2, mh, 0, mh.length);
            checkMultihash(mh, 0, where);
            final String normal = "b" + encodeBase32(bytes);
            if (!normal.equals(cid)) {
                throw Violation.of(Rule.INVALID_CID, where + " must be lower-case base32 without padding");
            }
            return normal;
        }
        throw Violation.of(Rule.INVALID_CID, where + " must be a CIDv0 (Qm...) or a base32 CIDv1 (b...)");
    }

    private static void checkMultihash(final byte[] mh, final int at, final String where) {
        if (mh.length != at + 2 + DIGEST_LENGTH || (mh[at] & 0xff) != SHA2_256 || (mh[at + 1] & 0xff) != DIGEST_LENGTH) {
            throw Violation.of(Rule.INVALID_CID, where + " must use a sha2-256 multihash");
        }
    }

    private static String v1(final int codec, final byte[] multihash) {
        final byte[] out = new byte[2 + multihash.length];
        out[0] = 0x01;
        out[1] = (byte) codec;
        System.arraycopy(multihash, 0, out, 2, multihash.length);
        return "b" + encodeBase32(out);
    }

    private static byte[] base32(final String s, final String where) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (int i = 0; i < s.length(); i++) {
            final int v = BASE32.indexOf(s.charAt(i));
            if (v < 0) {
                throw Violation.of(Rule.INVALID_CID, where + " has a character outside lower-case base32");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                bits -= 8;
                out.write((buffer >> bits) & 0xff);
            }
        }
        return out.toByteArray();
    }

    private static String encodeBase32(final byte[] data) {
        final StringBuilder sb = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        for (final byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                bits -= 5;
                sb.append(BASE32.charAt((buffer >> bits) & 31));
            }
        }
        if (bits > 0) {
            sb.append(BASE32.charAt((buffer << (5 - bits)) & 31));
        }
        return sb.toString();
    }

    private static byte[] base58(final String s, final String where) {
        BigInteger n = BigInteger.ZERO;
        for (int i = 0; i < s.length(); i++) {
            final int v = BASE58.indexOf(s.charAt(i));
            if (v < 0) {
                throw Violation.of(Rule.INVALID_CID, where + " has a character outside base58btc");
            }
            n = n.multiply(BigInteger.valueOf(58)).add(BigInteger.valueOf(v));
        }
        final byte[] raw = n.toByteArray();
        // BigInteger may add a sign byte; a CIDv0 multihash is always 34 bytes starting 0x12.
        final byte[] out = new byte[2 + DIGEST_LENGTH];
        final int copy = Math.min(raw.length, out.length);
        System.arraycopy(raw, raw.length - copy, out, out.length - copy, copy);
        return out;
    }

    /** Test helper for clients and tests: the CIDv1 raw-leaf CID of a single-chunk file's sha256. */
    public static String rawV1(final byte[] sha256) {
        final byte[] mh = new byte[2 + sha256.length];
        mh[0] = SHA2_256;
        mh[1] = (byte) sha256.length;
        System.arraycopy(sha256, 0, mh, 2, sha256.length);
        return v1(CODEC_RAW, mh);
    }
}
