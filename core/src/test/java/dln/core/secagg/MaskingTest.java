package dln.core.secagg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The masking arithmetic of a round of five providers, threshold three: the unmasked sum is the
 * plain quantised sum bit for bit, one masked update alone passes tests of uniformity that its
 * plain update fails, a dropped provider's masks are removed through shares, and below the
 * threshold nothing is rebuilt.
 */
class MaskingTest {
    private static final int N = 5;
    private static final int T = 3;
    private static final int LENGTH = 20_000;
    private static final String CONTEXT = MaskKeys.context("m-0123456789abcdef0123456789abcdef", 4);

    private final SecureRandom random = new SecureRandom(new byte[] {7});
    private final List<KeyPair> enrolment = new ArrayList<>();
    private final List<MaskKeys> keys = new ArrayList<>();
    private final SortedMap<Integer, String> publicKeys = new TreeMap<>();
    private final List<float[]> updates = new ArrayList<>();

    MaskingTest() throws Exception {
        final KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        final Random values = new Random(42);
        for (int i = 0; i < N; i++) {
            final KeyPair kp = gen.generateKeyPair();
            enrolment.add(kp);
            keys.add(MaskKeys.derive(kp.getPrivate(), CONTEXT));
            publicKeys.put(i, keys.get(i).publicKeyHex());
            final float[] x = new float[LENGTH];
            for (int j = 0; j < LENGTH; j++) {
                x[j] = (float) (values.nextGaussian() * 0.05);
            }
            updates.add(x);
        }
    }

    private long[] masked(final int u, final SortedMap<Integer, String> peers) {
        return Masking.mask(FixedPoint.quantise(updates.get(u)), keys.get(u), u, peers, CONTEXT);
    }

    private long[] plainSum(final List<Integer> who) {
        long[] sum = new long[LENGTH];
        for (final int u : who) {
            sum = FixedPoint.add(sum, FixedPoint.quantise(updates.get(u)));
        }
        return sum;
    }

    @Test
    void theUnmaskedSumIsThePlainQuantisedSumBitForBit() {
        final SortedMap<Integer, long[]> ys = new TreeMap<>();
        final Map<Integer, byte[]> self = new HashMap<>();
        for (int u = 0; u < N; u++) {
            ys.put(u, masked(u, publicKeys));
            self.put(u, keys.get(u).selfSeed());
        }
        final long[] sum = Masking.unmask(ys, self, new TreeMap<>(), publicKeys, CONTEXT);
        assertArrayEquals(plainSum(List.of(0, 1, 2, 3, 4)), sum);
        // and its mean is the float mean to the quantisation step
        final float[] mean = FixedPoint.mean(sum, N);
        for (int j = 0; j < LENGTH; j += 997) {
            double plain = 0;
            for (final float[] x : updates) {
                plain += x[j];
            }
            assertEquals(plain / N, mean[j], 1e-6);
        }
    }

    @Test
    void oneMaskedUpdateAloneLooksUniform() {
        final long[] y = masked(0, publicKeys);
        final byte[] bytes = MaskedVectors.encode(y);
        final byte[] body = Arrays.copyOfRange(bytes, MaskedVectors.HEADER, bytes.length);
        // 255 degrees of freedom: the 0.1 % critical value is 330.5 (chi-square table).
        assertTrue(chiSquareBytes(body) < 330.5, "masked bytes: chi-square " + chiSquareBytes(body));
        // Kolmogorov-Smirnov of the coordinates as fractions of the ring: 1.95/sqrt(n) at the 0.1 % level.
        final double critical = 1.95 / Math.sqrt(LENGTH);
        assertTrue(ksUniform(y) < critical, "masked coordinates: KS " + ksUniform(y) + " >= " + critical);
        // The same tests do see the plain update (they can fail).
        final long[] plain = FixedPoint.quantise(updates.get(0));
        final byte[] plainBytes = MaskedVectors.encode(plain);
        assertTrue(chiSquareBytes(Arrays.copyOfRange(plainBytes, MaskedVectors.HEADER, plainBytes.length)) > 330.5);
        assertTrue(ksUniform(plain) > critical);
    }

    @Test
    void aDroppedProviderIsRecoveredThroughSharesAndTheSumIsTheSurvivors() {
        // Everyone shared its secrets among the five; provider 2 then sent nothing.
        final List<List<byte[]>> maskShares = new ArrayList<>();
        final List<List<byte[]>> selfShares = new ArrayList<>();
        for (int u = 0; u < N; u++) {
            maskShares.add(SecretShares.split(keys.get(u).maskSecret(), T, N, random));
            selfShares.add(SecretShares.split(keys.get(u).selfSeed(), T, N, random));
        }
        final List<Integer> survivors = List.of(0, 1, 3, 4);
        final SortedMap<Integer, long[]> ys = new TreeMap<>();
        survivors.forEach(u -> ys.put(u, masked(u, publicKeys)));
        // Three survivors reveal: b_u of every survivor, the mask key of the dropped one.
        final List<Integer> revealers = List.of(0, 3, 4);
        final Map<Integer, byte[]> self = new HashMap<>();
        for (final int u : survivors) {
            final Map<Integer, byte[]> got = new HashMap<>();
            revealers.forEach(r -> got.put(r + 1, selfShares.get(u).get(r)));
            self.put(u, SecretShares.rebuild(got, T, 32, "b_" + u));
            assertArrayEquals(keys.get(u).selfSeed(), self.get(u));
        }
        final Map<Integer, byte[]> got = new HashMap<>();
        revealers.forEach(r -> got.put(r + 1, maskShares.get(2).get(r)));
        final BigInteger recovered = MaskKeys.scalar(SecretShares.rebuild(got, T, 32, "s_2"));
        final SortedMap<Integer, BigInteger> dropped = new TreeMap<>(Map.of(2, recovered));
        assertArrayEquals(plainSum(survivors), Masking.unmask(ys, self, dropped, publicKeys, CONTEXT));
        // Without removing the dropped provider's masks the sum is noise.
        assertFalse(Arrays.equals(plainSum(survivors), Masking.unmask(ys, self, new TreeMap<>(), publicKeys, CONTEXT)));
    }

    @Test
    void belowTheThresholdNothingIsRebuilt() {
        final List<byte[]> shares = SecretShares.split(keys.get(1).maskSecret(), T, N, random);
        final SecureAggregationException e = assertThrows(SecureAggregationException.class,
                () -> SecretShares.rebuild(Map.of(1, shares.get(0), 4, shares.get(3)), T, 32, "s_1"));
        assertEquals("SECAGG_BELOW_THRESHOLD", e.code());
        // Any three rebuild it.
        assertArrayEquals(keys.get(1).maskSecret(),
                SecretShares.rebuild(Map.of(2, shares.get(1), 4, shares.get(3), 5, shares.get(4)), T, 32, "s_1"));
    }

    @Test
    void moreProvidersThanSecretBytesStillGetOneShareEach() {
        final List<byte[]> shares = SecretShares.split(keys.get(0).selfSeed(), 20, 40, random);
        assertEquals(40, shares.size());
        final Map<Integer, byte[]> last = new HashMap<>();
        for (int i = 21; i <= 40; i++) {
            last.put(i, shares.get(i - 1));
        }
        assertArrayEquals(keys.get(0).selfSeed(), SecretShares.rebuild(last, 20, 32, "b_0"));
        // Such shares are 40 bytes, not 32: they still travel in an envelope (the bench's 64-provider rows found the envelope assumed 32).
        assertEquals(40, shares.get(0).length);
        final List<byte[]> masks = SecretShares.split(keys.get(0).maskSecret(), 20, 40, random);
        final String sealed = ShareEnvelope.seal(new ShareEnvelope.Shares(masks.get(5), shares.get(5)), CONTEXT, 0, 5, enrolment.get(3).getPublic(),
                random);
        final ShareEnvelope.Shares opened = ShareEnvelope.open(sealed, CONTEXT, 0, 5, enrolment.get(3).getPrivate());
        assertArrayEquals(masks.get(5), opened.maskKey());
        assertArrayEquals(shares.get(5), opened.selfSeed());
    }

    @Test
    void sharesTravelEncryptedToTheirRecipientAndBoundToTheRound() {
        final ShareEnvelope.Shares s = new ShareEnvelope.Shares(keys.get(0).maskSecret(), keys.get(0).selfSeed());
        final String sealed = ShareEnvelope.seal(s, CONTEXT, 0, 3, enrolment.get(3).getPublic(), random);
        final ShareEnvelope.Shares opened = ShareEnvelope.open(sealed, CONTEXT, 0, 3, enrolment.get(3).getPrivate());
        assertArrayEquals(s.maskKey(), opened.maskKey());
        assertArrayEquals(s.selfSeed(), opened.selfSeed());
        assertThrows(RuntimeException.class, () -> ShareEnvelope.open(sealed, CONTEXT, 0, 3, enrolment.get(2).getPrivate()));
        assertThrows(IllegalArgumentException.class,
                () -> ShareEnvelope.open(sealed, MaskKeys.context("m-0123456789abcdef0123456789abcdef", 5), 0, 3, enrolment.get(3).getPrivate()));
    }

    @Test
    void maskKeysAreDeterministicPerRoundAndPairSeedsSymmetric() {
        final MaskKeys again = MaskKeys.derive(enrolment.get(0).getPrivate(), CONTEXT);
        assertEquals(keys.get(0).publicKeyHex(), again.publicKeyHex());
        assertArrayEquals(keys.get(0).selfSeed(), again.selfSeed());
        assertNotEquals(keys.get(0).publicKeyHex(),
                MaskKeys.derive(enrolment.get(0).getPrivate(), MaskKeys.context("m-0123456789abcdef0123456789abcdef", 5)).publicKeyHex());
        assertArrayEquals(keys.get(0).pairSeed(publicKeys.get(1), CONTEXT), keys.get(1).pairSeed(publicKeys.get(0), CONTEXT));
    }

    private static double chiSquareBytes(final byte[] bytes) {
        final long[] counts = new long[256];
        for (final byte b : bytes) {
            counts[b & 0xff]++;
        }
        final double expected = bytes.length / 256.0;
        double chi = 0;
        for (final long c : counts) {
            chi += (c - expected) * (c - expected) / expected;
        }
        return chi;
    }

    /** KS distance of the coordinates, read as unsigned fractions of 2^64, from the uniform law. */
    private static double ksUniform(final long[] y) {
        final double[] u = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            u[i] = (y[i] >>> 11) * 0x1.0p-53;
        }
        Arrays.sort(u);
        double d = 0;
        for (int i = 0; i < u.length; i++) {
            d = Math.max(d, Math.max((i + 1.0) / u.length - u[i], u[i] - (double) i / u.length));
        }
        return d;
    }
}
