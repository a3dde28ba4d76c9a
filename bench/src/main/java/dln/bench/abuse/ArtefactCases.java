package dln.bench.abuse;

import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.UpdateStatus;
import dln.api.view.ModelView;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.bench.Table;
import dln.core.data.Dataset;
import dln.core.ledger.ConnectionProfile;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.Participant;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.storage.WeightStore;
import dln.session.consortium.Consortium;
import dln.session.consortium.NetworkConsortium;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Malformed artefacts on the real network: updates whose weight file on IPFS is garbage,
 * truncated, oversized (more parameters than the architecture) or of another architecture, each
 * submitted by its own provider to a fresh model and reviewed by every committee member with the
 * committee's own workflow; each must end rejected, with the reason ("weights unusable: ...")
 * recorded on the ledger in every score.
 */
final class ArtefactCases {

    /** The reason every committee score of an unusable weight file starts with (CommitteeWorkflow). */
    static final String UNUSABLE = "weights unusable";

    /** Room for any weight file the cases read back (the MLP's and LeNet's are well under 1 MiB). */
    private static final int MAX_FILE_BYTES = 16 << 20;

    /** One artefact as the ledger decided it. */
    record Observed(String name, String who, String observed, boolean ok) {}

    private ArtefactCases() {
    }

    /** Prints the table; returns how many cases were MISSED. */
    static int run(final ConnectionProfile profile) throws IOException {
        final List<Observed> all;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            all = observe(network, PublicationCases.validation());
        }
        final Table t = new Table("abuse: malformed weight files on the real network, reviewed by the committee", "case", "provider", "expected",
                "observed", "result");
        all.forEach(o -> t.row(o.name(), o.who(), "rejected, " + UNUSABLE, o.observed(), o.ok() ? "ok" : "MISSED"));
        t.print();
        final int missed = (int) all.stream().filter(o -> !o.ok()).count();
        System.out.printf("%n%d artefact cases, %d ok, %d MISSED%n", all.size(), all.size() - missed, missed);
        return missed;
    }

    /** Publishes a model, opens it, submits every bad artefact, lets every member review, reads the verdicts. */
    static List<Observed> observe(final Consortium consortium, final Dataset validation) throws IOException {
        final ArchitecturePlan plan = ArchitecturePlan.of(BuiltinModels.mlp().architecture());
        final List<String> committee = consortium.committee();
        final String model = opened(consortium, new PublicationRequest("abuse artefacts", BuiltinModels.mlp(),
                "accuracy", "federated", "fedavg", 2, 0.5, "median", committee, validation, 8, 3600, 2));
        final List<String> providers = consortium.providers(4);
        final Map<String, UpdateView> submitted = new LinkedHashMap<>();
        final Map<String, String> by = new LinkedHashMap<>();
        final Map<String, byte[]> artefacts = artefacts(plan, consortium, providers.get(0));
        int i = 0;
        for (final Map.Entry<String, byte[]> a : artefacts.entrySet()) {
            final String who = providers.get(i++);
            try (Participant p = consortium.participant(who)) {
                final String cid = p.store().putBytes(a.getValue());
                final ModelView mv = p.ledger().getModel(model);
                submitted.put(a.getKey(), p.ledger().submitUpdate(model, cid, List.of(UpdateView.INITIAL), 1, 100, 5000, mv.recipeHash()));
                by.put(a.getKey(), who);
            }
        }
        for (final String m : committee) {
            try (Participant member = consortium.participant(m)) {
                CommitteeWorkflow.forOnePass(member, consortium.privateKey(m), SanityLimits.DEFAULT, line -> { }).scorePending(model);
            }
        }
        final List<Observed> out = new ArrayList<>();
        try (DlnLedger reader = consortium.participant(consortium.publisher()).ledger()) {
            for (final Map.Entry<String, UpdateView> s : submitted.entrySet()) {
                final UpdateView u = reader.getUpdate(s.getValue().id());
                final List<ScoreView> scores = reader.getScores(u.id());
                final boolean reasoned = !scores.isEmpty() && scores.stream().allMatch(sc -> sc.reason() != null && sc.reason().startsWith(UNUSABLE));
                final String reason = scores.isEmpty() ? "no score" : String.valueOf(scores.get(0).reason());
                final String observed = u.status().name().toLowerCase(java.util.Locale.ROOT) + ", " + scores.size() + " scores: "
                        + (reason.length() > 60 ? reason.substring(0, 60) + "..." : reason);
                out.add(new Observed(s.getKey(), by.get(s.getKey()), observed, u.status() == UpdateStatus.REJECTED && reasoned));
            }
        }
        return out;
    }

    /** Publishes {@code request} and has every committee member approve it: the model's id, open. */
    static String opened(final Consortium consortium, final PublicationRequest request) throws IOException {
        final String model;
        try (Participant publisher = consortium.participant(consortium.publisher())) {
            model = new PublisherWorkflow(publisher, consortium.directory()).publish(request).id();
        }
        for (final String m : consortium.committee()) {
            try (Participant member = consortium.participant(m)) {
                member.ledger().approveModel(model);
            } catch (LedgerException e) {
                // the model opened on the quorum's approvals: a later member's is refused, as it should be
            }
        }
        return model;
    }

    /** Each bad weight file's bytes, by case name; every one unique (no CID is recorded twice). */
    private static Map<String, byte[]> artefacts(final ArchitecturePlan plan, final Consortium consortium, final String who) throws IOException {
        final Random random = new Random(System.nanoTime());
        final Map<String, byte[]> out = new LinkedHashMap<>();
        final byte[] garbage = new byte[4096];
        random.nextBytes(garbage);
        out.put("a weight file of random bytes", garbage);
        try (Participant p = consortium.participant(who)) {
            final WeightStore store = p.store();
            final byte[] whole = store.getBytes(store.putWeights(plan.hash(), values(random, plan.parameterArrayLength())), MAX_FILE_BYTES);
            out.put("a weight file truncated to half its length", Arrays.copyOf(whole, whole.length / 2));
            out.put("a weight file with 1,000 parameters more than the architecture",
                    store.getBytes(store.putWeights(plan.hash(), values(random, plan.parameterArrayLength() + 1000)), MAX_FILE_BYTES));
            final ArchitecturePlan other = ArchitecturePlan.of(BuiltinModels.lenet().architecture());
            out.put("a weight file of another architecture (lenet)",
                    store.getBytes(store.putWeights(other.hash(), values(random, other.parameterArrayLength())), MAX_FILE_BYTES));
        }
        return out;
    }

    private static float[] values(final Random random, final int n) {
        final float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = (float) random.nextGaussian() * 0.05f;
        }
        return out;
    }
}
