package dln.chaincode.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.chaincode.cid.Cid;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Model specs and CIDs for tests. */
public final class Specs {

    public static final String[] COMMITTEE = {"member1", "member2", "member3"};

    private Specs() {
    }

    /** A well-formed CIDv1 (raw, sha2-256) unique to the seed. */
    public static String cid(final String seed) {
        try {
            return Cid.rawV1(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonObject member(final String name) {
        final JsonObject m = new JsonObject();
        m.addProperty("mspId", Actors.msp(name));
        m.addProperty("certificatePem", Actors.pem(name));
        final JsonObject f = new JsonObject();
        f.addProperty("cid", cid("fragment-" + name));
        f.addProperty("sha256", dln.chaincode.cid.Sha256Hex.of("plain-" + name));
        f.addProperty("samples", 500);
        m.add("fragment", f);
        return m;
    }

    public static JsonObject base(final String mode, final String metric, final int quorum, final double threshold, final String... members) {
        final JsonObject s = new JsonObject();
        s.addProperty("name", "mnist-mlp");
        final JsonObject arch = new JsonObject();
        arch.addProperty("type", "mlp");
        final JsonArray layers = new JsonArray();
        layers.add(784);
        layers.add(200);
        layers.add(10);
        arch.add("layers", layers);
        arch.addProperty("seed", 42);
        s.add("architecture", arch);
        s.addProperty("initialWeightsCid", cid("initial-weights"));
        s.addProperty("metric", metric);
        s.addProperty("mode", mode);
        final JsonObject agg = new JsonObject();
        agg.addProperty("rule", "fedavg");
        s.add("aggregation", agg);
        final JsonObject acc = new JsonObject();
        acc.addProperty("quorum", quorum);
        acc.addProperty("threshold", threshold);
        s.add("acceptance", acc);
        final JsonArray committee = new JsonArray();
        for (final String m : members) {
            committee.add(member(m));
        }
        s.add("committee", committee);
        return s;
    }

    public static JsonObject federated(final int minUpdates) {
        final JsonObject s = base("federated", "accuracy", 2, 0.8, COMMITTEE);
        final JsonObject r = new JsonObject();
        r.addProperty("minUpdates", minUpdates);
        r.addProperty("deadlineSeconds", 3600);
        s.add("rounds", r);
        return s;
    }

    /** Federated with secure aggregation: rounds of minUpdates providers, equal weights, shares t-of-n. */
    public static JsonObject secure(final int minUpdates, final int threshold) {
        final JsonObject s = federated(minUpdates);
        final JsonObject w = new JsonObject();
        w.addProperty("policy", "equal");
        s.add("weighting", w);
        final JsonObject a = new JsonObject();
        a.addProperty("threshold", threshold);
        s.add("secureAggregation", a);
        return s;
    }

    /**
     * A public mask key on P-256: the generator G for even {@code i}, -G for odd (the chaincode
     * checks the curve equation, not who holds the scalar).
     */
    public static String maskKey(final int i) {
        final java.math.BigInteger p = new java.math.BigInteger("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff", 16);
        final java.math.BigInteger gy = new java.math.BigInteger("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16);
        return "04" + "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
                + String.format("%064x", i % 2 == 0 ? gy : p.subtract(gy));
    }

    public static JsonObject gossip(final int maxParents) {
        final JsonObject s = base("gossip", "accuracy", 2, 0.8, COMMITTEE);
        final JsonObject g = new JsonObject();
        g.addProperty("maxParents", maxParents);
        s.add("gossip", g);
        return s;
    }
}
