package dln.chaincode.cid;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 digests as 64 lower-case hex characters, the one spelling the ledger stores. */
public final class Sha256Hex {

    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");

    private Sha256Hex() {
    }

    public static String check(final String hex, final String where) {
        if (hex == null || !HEX64.matcher(hex).matches()) {
            throw Violation.of(Rule.INVALID_HASH, where + " must be a SHA-256 digest as 64 lower-case hex characters");
        }
        return hex;
    }

    public static String of(final String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
