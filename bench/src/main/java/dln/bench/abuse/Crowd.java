package dln.bench.abuse;

import dln.api.DlnLedger;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.bench.Table;
import dln.bench.chaos.LossChecks;
import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.core.training.TrainingListener;
import dln.session.consortium.NetworkConsortium;
import dln.session.demo.LearningSession;
import dln.session.demo.SessionConfig;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The concurrency cases: one federated round in which every free enrolled user (up to 32)
 * submits, all side by side (their one-epoch trainings take turns of a fraction of a second, so
 * the submissions arrive within about a second of each other), scored by the three committee
 * members on their own threads at once; the ledger must hold one update per provider, every one
 * decided, and at most one score per member and update. Its model is then the ledger state the
 * {@link StateCases} abuse.
 */
final class Crowd {

    private Crowd() {
    }

    /** Prints the table; returns how many cases were MISSED. */
    static int run(final ConnectionProfile profile) throws IOException {
        final int n = providersAvailable(profile);
        final SessionConfig config = new SessionConfig("mlp", n, 0, Attack.NONE, "iid", 1, 0, 1, 0.5, 2, "median", "fedavg", 7);
        final LearningSession.Result r;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            r = new LearningSession(config, network, line -> { }, who -> new TrainingListener() { }).withoutBaseline().run();
        }
        final List<UpdateView> updates;
        final Map<String, List<ScoreView>> scores = new LinkedHashMap<>();
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            updates = ledger.listUpdates(r.federatedModel(), 0, null);
            for (final UpdateView u : updates) {
                scores.put(u.id(), ledger.getScores(u.id()));
            }
        }
        final long submitters = updates.stream().map(u -> u.submitter().toString()).distinct().count();
        final Table t = new Table("abuse: concurrency on the real network", "case", "expected", "observed", "result");
        int missed = 0;
        missed += row(t, n + " providers submit in one round at once", n + " updates, " + n + " providers",
                updates.size() + " updates, " + submitters + " providers", updates.size() == n && submitters == n);
        for (final LossChecks.Check c : List.of(LossChecks.oneUpdatePerProviderAndRound(updates), LossChecks.everyUpdateDecided(updates),
                LossChecks.oneScorePerMember(scores))) {
            missed += row(t, c.name(), "0 of " + c.checked() + " missed",
                    c.missed() + " of " + c.checked() + " missed", c.ok());
        }
        t.print();
        return missed + StateCases.run(profile, r.federatedModel());
    }

    private static int row(final Table t, final String what, final String expected, final String observed, final boolean ok) {
        t.row(what, expected, observed, ok ? "ok" : "MISSED");
        return ok ? 0 : 1;
    }

    /** As many providers as the profile enrols (32 at most), the session's own choice of them. */
    private static int providersAvailable(final ConnectionProfile profile) {
        for (int n = 32; n > 1; n--) {
            try {
                NetworkConsortium.providerIdentities(profile, n);
                return n;
            } catch (IllegalArgumentException e) {
                // fewer enrolled users: try one less
            }
        }
        return 1;
    }
}
