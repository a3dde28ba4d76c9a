package dln.session.report;

import dln.api.UpdateStatus;
import dln.api.view.LedgerIdentity;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Hand-made session results, shaped as {@link LearningSession} returns them from the ledger, so the
 * report of a session can be checked (and shown) without a network.
 */
final class Sessions {
    private Sessions() {
    }

    static SessionConfig config(int providers, int malicious, int rounds, int gossipSteps) {
        return new SessionConfig("mlp", providers, malicious, Attack.SIGN_FLIP, "dirichlet:0.5", rounds, gossipSteps, 1, 0.5, 2,
                "median", "fedavg", 7L);
    }

    /**
     * Federated rounds in which the malicious providers (the last ones) are rejected and everyone
     * else accepted, then gossip steps, one update per provider each, parents the latest accepted
     * gossip update (or the start). With {@code acceptNothing} every federated update is rejected.
     */
    static LearningSession.Result result(SessionConfig c, boolean acceptNothing) {
        long t = Instant.parse("2026-12-03T08:00:00Z").toEpochMilli();
        List<UpdateView> fed = new ArrayList<>();
        List<RoundRow> rows = new ArrayList<>();
        List<String> parents = List.of(UpdateView.INITIAL);
        double acc = 0.86;
        for (int r = 1; r <= c.rounds(); r++) {
            List<String> accepted = new ArrayList<>();
            int rejected = 0;
            for (int p = 0; p < c.providers(); p++) {
                boolean ok = !acceptNothing && !c.isMalicious(p);
                String id = "f" + r + "p" + p;
                fed.add(update(id, "fed", p, parents, r, ok, ok ? acc + 0.01 : 0.08, t += 3_000));
                if (ok) accepted.add(id); else rejected++;
            }
            if (!accepted.isEmpty()) parents = accepted;
            rows.add(row("federated", r, accepted.size(), rejected, acc));
            acc += 0.35 * (1 - acc);
        }
        List<UpdateView> gossip = new ArrayList<>();
        String head = UpdateView.INITIAL;
        for (int s = 1; s <= c.gossipSteps(); s++) {
            int accepted = 0;
            for (int p = 0; p < c.providers(); p++) {
                boolean ok = !c.isMalicious(p);
                String id = "g" + s + "p" + p;
                gossip.add(update(id, "gossip", p, List.of(head), 0, ok, ok ? acc : 0.09, t += 2_000));
                if (ok) {
                    head = id;
                    accepted++;
                }
            }
            rows.add(row("gossip", s, accepted, c.providers() - accepted, acc));
            acc += 0.1 * (1 - acc);
        }
        List<Double> baseline = new ArrayList<>();
        for (int e = 1; e <= Math.max(1, c.rounds() + c.gossipSteps()); e++) baseline.add(0.91 + 0.06 * (1 - 1.0 / e));
        return new LearningSession.Result(c.rounds() > 0 ? "fed" : null, c.gossipSteps() > 0 ? "gossip" : null, rows, baseline,
                fed, gossip, Set.of(), List.of());
    }

    private static UpdateView update(String id, String model, int provider, List<String> parents, int round, boolean accepted,
            double score, long millis) {
        LedgerIdentity who = new LedgerIdentity("Org1MSP", "x509::CN=User" + (3 + provider) + "@org1.dln,OU=client::CN=ca.org1.dln");
        return new UpdateView(id, model, who, "cid-" + id, parents, round, 1000, 1500, accepted ? UpdateStatus.ACCEPTED : UpdateStatus.REJECTED,
                score, Instant.ofEpochMilli(millis).toString(), Instant.ofEpochMilli(millis + 1_000).toString(), null);
    }

    private static RoundRow row(String phase, int step, int accepted, int rejected, double acc) {
        return new RoundRow(phase, step, accepted, rejected, rejected, rejected, acc, 9_000, 300, 400, 500, 10_000);
    }
}
