package dln.bench.learning;

import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import java.util.List;

/** What one plan entry produced on which ledger ("fabric", "in-process"), with the derived figures the table shows. */
record EntryResult(PlanEntry entry, String ledger, LearningSession.Result session, double seconds) {

    List<RoundRow> rows() {
        return session.rows();
    }

    double finalAccuracy() {
        return rows().get(rows().size() - 1).testAccuracy();
    }

    double centralised() {
        return session.baseline().get(session.baseline().size() - 1);
    }

    double gapPoints() {
        return 100 * (centralised() - finalAccuracy());
    }

    /** Share of the malicious providers' updates the committee rejected; NaN without attackers. */
    double poisonedRejected() {
        final int poisoned = rows().stream().mapToInt(RoundRow::poisoned).sum();
        return poisoned == 0 ? Double.NaN : (double) rows().stream().mapToInt(RoundRow::poisonedRejected).sum() / poisoned;
    }

    /**
     * Share of the malicious providers' decided updates that were neutralised: rejected, or
     * accepted with a measured contribution no worse than the worst honest update accepted in the
     * same round (it changed the aggregate by less than the honest spread does). NaN without
     * attackers; equal to {@link #poisonedRejected} where nothing is measured (threshold policy).
     */
    double poisonedNeutralised() {
        final List<dln.api.view.UpdateView> updates = new java.util.ArrayList<>(session.federatedUpdates());
        updates.addAll(session.gossipUpdates());
        final java.util.Map<Integer, Double> worstHonest = new java.util.HashMap<>();
        for (dln.api.view.UpdateView u : updates) {
            if (!session.poisonedIds().contains(u.id()) && u.accepted() && u.contribution() != null) {
                worstHonest.merge(u.round(), u.contribution(), Math::min);
            }
        }
        int poisoned = 0;
        int neutral = 0;
        for (dln.api.view.UpdateView u : updates) {
            if (!session.poisonedIds().contains(u.id()) || u.pending()) {
                continue;
            }
            poisoned++;
            final Double floor = worstHonest.get(u.round());
            if (!u.accepted() || (u.contribution() != null && floor != null && u.contribution() >= floor)) {
                neutral++;
            }
        }
        return poisoned == 0 ? Double.NaN : (double) neutral / poisoned;
    }

    /** Share of the honest providers' updates the committee accepted. */
    double honestAccepted() {
        int honest = 0;
        int accepted = 0;
        for (RoundRow r : rows()) {
            final int poisonedAccepted = r.poisoned() - r.poisonedRejected();
            honest += r.accepted() + r.rejected() - r.poisoned();
            accepted += r.accepted() - poisonedAccepted;
        }
        return honest == 0 ? Double.NaN : (double) accepted / honest;
    }

    /** First step whose accuracy reaches 97% (LeNet) or 95% (MLP), or -1. */
    int stepsToTarget() {
        final double target = "lenet".equals(entry.model()) ? 0.97 : 0.95;
        for (RoundRow r : rows()) {
            if (r.testAccuracy() >= target) {
                return r.step();
            }
        }
        return -1;
    }

    double coordinationShare() {
        long all = 0;
        long coord = 0;
        for (RoundRow r : rows()) {
            all += r.roundMillis();
            coord += r.coordinationMillis();
        }
        return all == 0 ? 0 : (double) coord / all;
    }

    String modelId() {
        return session.federatedModel() != null ? session.federatedModel() : session.gossipModel();
    }
}
