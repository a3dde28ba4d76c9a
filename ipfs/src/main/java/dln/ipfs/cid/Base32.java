package dln.ipfs.cid;

/** RFC 4648 base32, lower case, no padding: the alphabet of multibase prefix 'b'. */
final class Base32 {
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private Base32() {
    }

    static String encode(byte[] data) {
        StringBuilder sb = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xFF);
            bits += 8;
            while (bits >= 5) {
                sb.append(ALPHABET[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(ALPHABET[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    /** Decodes lower-case base32 without padding; rejects any other character, upper case included. */
    static byte[] decode(String text, String what) {
        byte[] out = new byte[text.length() * 5 / 8];
        int buffer = 0;
        int bits = 0;
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int v;
            if (c >= 'a' && c <= 'z') {
                v = c - 'a';
            } else if (c >= '2' && c <= '7') {
                v = c - '2' + 26;
            } else {
                throw new InvalidCidException(what + ": character '" + c + "' at position " + (i + 1)
                        + " is not lower-case base32 (a-z, 2-7)");
            }
            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8) {
                out[n++] = (byte) (buffer >>> (bits - 8));
                bits -= 8;
            }
        }
        // Leftover bits must be zero padding, or two strings would decode to the same bytes.
        if ((buffer & ((1 << bits) - 1)) != 0) {
            throw new InvalidCidException(what + ": base32 text has non-zero trailing bits (truncated or altered?)");
        }
        return out;
    }
}
