package dln.console;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.chaincode.inprocess.InProcessLedger;
import dln.core.protocol.LocalCertificateAuthority;
import dln.core.storage.MemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A consortium in this process for the console's tests: the real contracts over an in-memory
 * world state (with events), identities with real certificates ("org2/User3"), and a memory
 * store for real CIDs. Members act through the same typed calls as the clients; nothing trains:
 * updates carry made-up weights, and the committee's scores are given by the test.
 */
final class InProcessMembers {

    static final List<String> COMMITTEE = List.of("org1/User2", "org2/User2", "org3/User2");

    private final InProcessLedger ledger = new InProcessLedger(Instant::now);
    private final MemoryStore store = new MemoryStore();
    private final LocalCertificateAuthority ca = new LocalCertificateAuthority();
    private final AtomicInteger blobs = new AtomicInteger();

    /** The typed ledger of {@code name}. */
    DlnLedger as(final String name) {
        final LocalCertificateAuthority.Identity id = ca.identity(name);
        return new DlnLedger(ledger.transport(id.mspId(), id.certificatePem()));
    }

    /** A fresh content id (distinct bytes in the store each call). */
    String cid() {
        try {
            return store.add(("weights " + blobs.incrementAndGet()).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes a model as org1/User1 and opens it with two approvals; its id. */
    String publishAndOpen(final String name, final String mode) {
        final JsonObject s = new JsonObject();
        s.addProperty("name", name);
        final JsonObject arch = new JsonObject();
        arch.addProperty("type", "mlp");
        s.add("architecture", arch);
        s.addProperty("initialWeightsCid", cid());
        s.addProperty("metric", "accuracy");
        s.addProperty("mode", mode);
        final JsonObject agg = new JsonObject();
        agg.addProperty("rule", "fedavg");
        s.add("aggregation", agg);
        final JsonObject acc = new JsonObject();
        acc.addProperty("quorum", 2);
        acc.addProperty("threshold", 0.8);
        s.add("acceptance", acc);
        final JsonArray committee = new JsonArray();
        for (String member : COMMITTEE) {
            final JsonObject m = new JsonObject();
            m.addProperty("mspId", ca.mspId(member));
            m.addProperty("certificatePem", ca.certificatePem(member));
            final JsonObject f = new JsonObject();
            f.addProperty("cid", cid());
            f.addProperty("sha256", sha256(member));
            f.addProperty("samples", 500);
            m.add("fragment", f);
            committee.add(m);
        }
        s.add("committee", committee);
        if (mode.equals("federated")) {
            final JsonObject r = new JsonObject();
            r.addProperty("minUpdates", 2);
            r.addProperty("deadlineSeconds", 3600);
            s.add("rounds", r);
        } else {
            final JsonObject g = new JsonObject();
            g.addProperty("maxParents", 2);
            s.add("gossip", g);
        }
        final ModelView m = as("org1/User1").publishModel(s);
        as(COMMITTEE.get(0)).approveModel(m.id());
        as(COMMITTEE.get(1)).approveModel(m.id());
        return m.id();
    }

    /**
     * {@code provider} submits made-up weights with these parents (round 0 for gossip), declaring
     * 1.5 s of training and 0.21 s + 0.77 s of IPFS fetch and upload.
     */
    UpdateView submit(final String provider, final String model, final List<String> parents, final int round) {
        return as(provider).submitUpdate(model, cid(), parents, round, 600, 1_500, as(provider).getModel(model).recipeHash(), null,
                new UpdateView.Transfers(210, 770));
    }

    /** Two members score {@code update}: the quorum decides it. */
    void score(final String update, final double a, final double b, final String reason) {
        as(COMMITTEE.get(1)).submitScore(update, a, 500, reason);
        as(COMMITTEE.get(2)).submitScore(update, b, 500, reason);
    }

    private static String sha256(final String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
