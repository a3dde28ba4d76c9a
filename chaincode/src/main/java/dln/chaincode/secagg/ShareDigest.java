package dln.chaincode.secagg;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of a revealed share (hex in, hex out): what its sender committed to when sharing. */
final class ShareDigest {
    private ShareDigest() {
    }

    static String of(final String shareHex) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(shareHex)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
