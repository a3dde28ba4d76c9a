package dln.chaincode.secagg;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.spec.ECFieldFp;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.EllipticCurve;

/**
 * A public mask key must be a point of P-256: a key off the curve would make every other
 * provider's masking fail, one provider stalling the round for all. Checked with the curve
 * equation y² = x³ + ax + b (mod p), in integers, so every endorsing peer agrees.
 */
final class MaskKeyCheck {
    private static final EllipticCurve P256 = curve();

    private MaskKeyCheck() {
    }

    static String onCurve(final String hex) {
        final BigInteger p = ((ECFieldFp) P256.getField()).getP();
        final BigInteger x = new BigInteger(hex.substring(2, 66), 16);
        final BigInteger y = new BigInteger(hex.substring(66), 16);
        final BigInteger left = y.multiply(y).mod(p);
        final BigInteger right = x.pow(3).add(P256.getA().multiply(x)).add(P256.getB()).mod(p);
        if (x.compareTo(p) >= 0 || y.compareTo(p) >= 0 || !left.equals(right)) {
            throw Violation.of(Rule.INVALID_FIELD, "maskKey is not a point of P-256");
        }
        return hex;
    }

    private static EllipticCurve curve() {
        try {
            final AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
            params.init(new ECGenParameterSpec("secp256r1"));
            return params.getParameterSpec(ECParameterSpec.class).getCurve();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JRE knows secp256r1", e);
        }
    }
}
