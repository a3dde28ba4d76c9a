package dln.core.attack;

import dln.api.UpdateStatus;
import dln.api.view.LedgerIdentity;
import dln.api.view.UpdateView;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Benign estimates anyone can read: the updates the committee accepted last, as deltas from where
 * each started. The ledger and the content store are open to every participant, so an attacker
 * needs no accomplices to learn what the benign updates look like; a federated round's updates
 * are close to the next one's, a gossip step's to the next step's.
 */
final class LedgerEstimates {

    private LedgerEstimates() {}

    /**
     * Federated round r: the accepted updates of round r - 1 (none in round 1); gossip: the
     * {@code page} most recently accepted. Leaves out the team's own updates (a poisoned update
     * the committee let through is no benign estimate) and any whose weights cannot be fetched.
     * In canonical order ({@link dln.core.protocol.Aggregates#CANONICAL}), so two readers of the same ledger get
     * the same list, and two runs with the same updates the same estimates.
     */
    static List<float[]> read(final Adversary.Step step, final int page, final Set<LedgerIdentity> team) {
        final String model = step.model().id();
        final List<UpdateView> accepted;
        if (step.federated()) {
            accepted = step.round() < 2 ? List.of() : step.me().ledger().listUpdates(model, step.round() - 1, UpdateStatus.ACCEPTED);
        } else {
            accepted = step.me().ledger().listRecentAccepted(model, page);
        }
        final Map<List<String>, float[]> starts = new HashMap<>();
        final List<float[]> out = new ArrayList<>();
        for (UpdateView u : accepted.stream().sorted(dln.core.protocol.Aggregates.CANONICAL).toList()) {
            if (team.contains(u.submitter()) || !u.accepted()) {
                continue;
            }
            final float[] w;
            try {
                w = step.me().store().getWeights(u.weightsCid(), step.model().architectureHash(), step.model().parameterCount());
            } catch (IOException | RuntimeException e) {
                continue;
            }
            // A federated round's updates share their parents: one aggregate for all of them.
            final float[] start = starts.computeIfAbsent(List.copyOf(u.parents()), step.startOf());
            out.add(Vectors.minus(w, start));
        }
        return out;
    }
}
