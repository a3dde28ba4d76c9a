package dln.bench.abuse;

import dln.api.DlnLedger;
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
import dln.core.protocol.SanityLimits;
import dln.core.protocol.UpdateReview;
import dln.core.role.CommitteeService;
import dln.core.storage.WeightStore;
import dln.session.consortium.Consortium;
import dln.session.consortium.NetworkConsortium;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Updates whose weight files no node provides, on the real network: on each of {@link #MODELS}
 * models, {@link #PER_MODEL} providers submit a CID they never added. Each member serves the
 * models as {@code committee serve} does and must record each of them unavailable (the bench gives
 * the members no patience, so nothing is left pending on the network) within about one find
 * timeout of its IPFS node for them all, not one each in turn, nor one per model; and its first
 * pass must not wait for them at all beyond {@link CommitteeWorkflow#DEFAULT_FETCH_WAIT}, since
 * the rounds of every model it serves wait for its passes. A member that fetched such a backlog
 * one update after another held its votes and scores 15 s per update (307 s in
 * {@code ./dln bench chaos} on a network whose earlier runs had left 20 pending, 2026-12-07); one
 * that fetched them side by side still held each pass one find timeout.
 */
final class MissingContentCases {

    /** How many models the member's pass serves. */
    static final int MODELS = 3;

    /** How many updates with missing content each model receives, one per provider. */
    static final int PER_MODEL = 2;

    /** How many updates with missing content there are in all. */
    static final int UPDATES = MODELS * PER_MODEL;

    /** How long a member serves before the bench gives up on it. */
    static final Duration LONGEST = Duration.ofSeconds(120);

    /** Kubo's find timeout as the clients set it. */
    static final Duration FIND_TIMEOUT = dln.ipfs.KuboClient.DEFAULT_FIND_TIMEOUT;

    /** Recording every update missing may take this many find timeouts; one after another they take {@link #UPDATES}. */
    static final int PASS_TIMEOUTS = 2;

    /** The longest a member's first pass may take: its wait for fetches, and as long again for its ledger calls. */
    static final Duration FIRST_PASS = CommitteeWorkflow.DEFAULT_FETCH_WAIT.multipliedBy(2);

    /**
     * One member serving the models, as the ledger and the clock saw it: what it recorded
     * unavailable, how long its first pass took, and when it had recorded all it had to.
     */
    record Observed(String member, int unavailable, double firstPass, double seconds) {
        boolean ok(final int expected) {
            return unavailable == expected && firstPass <= FIRST_PASS.toMillis() / 1000.0 && seconds <= PASS_TIMEOUTS * FIND_TIMEOUT.toSeconds();
        }
    }

    private MissingContentCases() {
    }

    /**
     * Whether the {@code i}-th member to serve did as it should: the first two (the quorum) record
     * every update unavailable in time; a member after them finds them decided, nothing left.
     */
    static boolean ok(final int i, final Observed o) {
        return i < 2 ? o.ok(UPDATES) : o.unavailable() == 0;
    }

    /**
     * What the run left: each member's pass, and how many updates ended otherwise than rejected on
     * unavailable scores only (left pending, or scored as if their weights had been fetched).
     */
    record Outcome(List<Observed> passes, int otherwise) {}

    /** Prints the table; returns how many rows were MISSED. */
    static int run(final ConnectionProfile profile) throws IOException {
        final Outcome outcome;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            outcome = observe(network, PublicationCases.validation());
        }
        final List<Observed> all = outcome.passes();
        final Table t = new Table("abuse: " + UPDATES + " updates whose weight files no node provides, " + MODELS + " models, on the real network", "member",
                "expected", "recorded unavailable", "first pass (s)", "all recorded (s)", "result");
        final String expected = "each unavailable within " + PASS_TIMEOUTS * FIND_TIMEOUT.toSeconds() + " s, first pass <= " + FIRST_PASS.toSeconds() + " s";
        int missed = 0;
        for (int i = 0; i < all.size(); i++) {
            final Observed o = all.get(i);
            final boolean ok = ok(i, o);
            missed += ok ? 0 : 1;
            t.row(o.member(), i < 2 ? expected : "nothing left (decided)", o.unavailable(), String.format(java.util.Locale.ROOT, "%.1f", o.firstPass()),
                    String.format(java.util.Locale.ROOT, "%.1f", o.seconds()), ok ? "ok" : "MISSED");
        }
        t.print();
        if (outcome.otherwise() > 0) {
            missed++;
            System.out.printf("%d update(s) not rejected on unavailable scores after every member's pass: MISSED%n", outcome.otherwise());
        }
        System.out.printf("%n%d members, %d MISSED (one after another, %d updates would take %d s; a model after another, %d s)%n",
                all.size(), missed, UPDATES, UPDATES * FIND_TIMEOUT.toSeconds(), MODELS * FIND_TIMEOUT.toSeconds());
        return missed;
    }

    /** Publishes and opens the models, submits the updates, lets every member in turn serve them until it has nothing left, counts what each recorded. */
    static Outcome observe(final Consortium consortium, final Dataset validation) throws IOException {
        final ArchitecturePlan plan = ArchitecturePlan.of(BuiltinModels.mlp().architecture());
        final List<String> committee = consortium.committee();
        final List<String> models = new ArrayList<>();
        for (int k = 0; k < MODELS; k++) {
            models.add(ArtefactCases.opened(consortium, new PublicationRequest("abuse missing content " + k, BuiltinModels.mlp(), "accuracy",
                    "federated", "fedavg", 2, 0.5, "median", committee, validation, PER_MODEL, 3600, 2, "reject")));
        }
        final Random random = new Random(System.nanoTime());
        final List<String> ids = new ArrayList<>();
        for (final String model : models) {
            for (final String who : consortium.providers(PER_MODEL)) {
                try (Participant p = consortium.participant(who)) {
                    final float[] values = new float[plan.parameterArrayLength()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = (float) random.nextGaussian() * 0.05f;
                    }
                    // The CID of a weight file that was never added anywhere.
                    final String cid = WeightStore.cidOf(plan.hash(), values);
                    final ModelView mv = p.ledger().getModel(model);
                    ids.add(p.ledger().submitUpdate(model, cid, List.of(UpdateView.INITIAL), 1, 100, 5000, mv.recipeHash()).id());
                }
            }
        }
        final List<Observed> out = new ArrayList<>();
        for (final String m : committee) {
            try (Participant member = consortium.participant(m)) {
                final CommitteeWorkflow workflow = new CommitteeWorkflow(member, consortium.privateKey(m),
                        SanityLimits.DEFAULT.withUnavailablePatience(Duration.ZERO), line -> { });
                final CommitteeService service = new CommitteeService(workflow, member.ledger().events(),
                        CommitteeService.Scope.models(() -> models));
                final List<UpdateReview> reviews = new CopyOnWriteArrayList<>();
                final long t0 = System.nanoTime();
                // Its first pass over every model, as `committee serve` makes it; then its passes, woken as `committee serve` wakes them.
                reviews.addAll(service.pass());
                final double firstPass = (System.nanoTime() - t0) / 1e9;
                final AtomicBoolean running = new AtomicBoolean(true);
                final Thread serving = new Thread(() -> {
                    try {
                        service.serve(running::get, CommitteeService.SERVE_RECHECK, reviews::add, e -> { });
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "serve " + m);
                serving.start();
                // Done when the ledger holds nothing left for it to score (its last scores wake nothing: it waits for more work).
                final long giveUp = t0 + LONGEST.toNanos();
                try {
                    while (System.nanoTime() < giveUp
                            && !models.stream().allMatch(id -> member.ledger().memberWork(id, member.identity()).unscored().isEmpty())) {
                        Thread.sleep(200);
                    }
                    final double seconds = (System.nanoTime() - t0) / 1e9;
                    running.set(false);
                    serving.interrupt();
                    serving.join(10_000);
                    out.add(new Observed(m, (int) reviews.stream().filter(UpdateReview::unavailable).count(), firstPass, seconds));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted while " + m + " served");
                }
            }
        }
        int otherwise = 0;
        try (DlnLedger reader = consortium.participant(consortium.publisher()).ledger()) {
            for (final String id : ids) {
                final List<ScoreView> scores = reader.getScores(id);
                if (reader.getUpdate(id).status() != dln.api.UpdateStatus.REJECTED || !scores.stream().allMatch(ScoreView::unavailable)) {
                    otherwise++;
                }
            }
        }
        return new Outcome(out, otherwise);
    }
}
