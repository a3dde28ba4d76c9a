package dln.bench.chaos;

import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The end-of-run checks that nothing was lost or duplicated, as pure functions of what the
 * ledger and Kubo answered; the bench gathers the answers, these judge them.
 */
public final class LossChecks {

    /** One check: how many things it looked at, how many failed, and the first failures named. */
    public record Check(String name, int checked, int missed, List<String> examples) {
        public boolean ok() {
            return missed == 0;
        }
    }

    private static final int EXAMPLES = 3;

    private LossChecks() {
    }

    /** Every accepted update's weights CID is retrievable and verifies ({@code retrievable} reads it through). */
    public static Check weightsRetrievable(final List<UpdateView> updates, final Predicate<String> retrievable) {
        final List<String> bad = new ArrayList<>();
        int n = 0;
        for (final UpdateView u : updates) {
            if (u.accepted()) {
                n++;
                if (!retrievable.test(u.weightsCid())) {
                    bad.add(u.id() + " " + u.weightsCid());
                }
            }
        }
        return check("accepted weights in Kubo, verified", n, bad);
    }

    /** No update is left pending: an update whose decision was lost would stay so. */
    public static Check everyUpdateDecided(final List<UpdateView> updates) {
        final List<String> bad = updates.stream().filter(UpdateView::pending).map(UpdateView::id).toList();
        return check("every update decided", updates.size(), bad);
    }

    /** Each member scored each update at most once. */
    public static Check oneScorePerMember(final Map<String, List<ScoreView>> scoresByUpdate) {
        final List<String> bad = new ArrayList<>();
        int n = 0;
        for (final Map.Entry<String, List<ScoreView>> e : scoresByUpdate.entrySet()) {
            final Set<String> seen = new HashSet<>();
            for (final ScoreView s : e.getValue()) {
                n++;
                if (!seen.add(s.member().toString())) {
                    bad.add(e.getKey() + " twice by " + s.member());
                }
            }
        }
        return check("at most one score per member and update", n, bad);
    }

    /** No provider has two updates in one federated round (gossip updates, round 0, are left out). */
    public static Check oneUpdatePerProviderAndRound(final List<UpdateView> updates) {
        final Map<String, Integer> count = new HashMap<>();
        final List<String> bad = new ArrayList<>();
        int n = 0;
        for (final UpdateView u : updates) {
            if (u.round() > 0) {
                n++;
                final String key = u.modelId() + " round " + u.round() + " by " + u.submitter();
                if (count.merge(key, 1, Integer::sum) == 2) {
                    bad.add(key);
                }
            }
        }
        return check("at most one update per provider and round", n, bad);
    }

    /**
     * No provider made more gossip updates on {@code model} than the {@code steps} it was asked
     * for: a provider restarted after a crash that submitted again what it had already recorded
     * would go over.
     */
    public static Check noExtraGossipUpdates(final List<UpdateView> updates, final String model, final int steps) {
        final Map<String, Integer> count = new HashMap<>();
        int n = 0;
        for (final UpdateView u : updates) {
            if (u.modelId().equals(model)) {
                n++;
                count.merge(u.submitter().shortName(), 1, Integer::sum);
            }
        }
        final List<String> bad = count.entrySet().stream().filter(e -> e.getValue() > steps).map(e -> e.getKey() + " made " + e.getValue())
                .sorted().toList();
        return check("at most " + steps + " gossip updates per provider", n, bad);
    }

    /** The session ran every round and step it was asked for. */
    public static Check completed(final String what, final int asked, final int done) {
        return check(what + " completed", asked, done >= asked ? List.of() : List.of(done + " of " + asked));
    }

    private static Check check(final String name, final int checked, final List<String> bad) {
        return new Check(name, checked, bad.size(), bad.subList(0, Math.min(EXAMPLES, bad.size())));
    }
}
