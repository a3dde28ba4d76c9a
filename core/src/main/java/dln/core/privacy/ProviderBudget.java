package dln.core.privacy;

import dln.api.DlnLedger;
import dln.api.Rule;
import dln.api.privacy.DpSgdRun;
import dln.api.privacy.RdpAccountant;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.model.TrainingSpec;
import dln.core.protocol.ProtocolException;

/**
 * A provider's check of a model's privacy budget BEFORE it trains: the run it is about to make,
 * composed with the runs its updates on the model already record, must stay within the policy's
 * epsilon; otherwise it refuses to touch its data. Under secure aggregation the runs are those of its
 * masked submissions. The chaincode makes the same computation when
 * the update arrives ({@link RdpAccountant#DLN}), so a provider that passes here is accepted there.
 */
public final class ProviderBudget {
    private ProviderBudget() {
    }

    /**
     * The planned run and what it spends.
     *
     * @param settings    clip and noise multiplier, the model's
     * @param run         the DP-SGD run on this provider's data
     * @param epsilonBefore the provider's epsilon on the model from its recorded updates
     * @param epsilon     its epsilon with this run
     */
    public record Plan(DpSgdSettings settings, DpSgdRun run, double epsilonBefore, double epsilon) {
        /** What the update declares on the ledger. */
        public UpdateView.Privacy record() {
            return new UpdateView.Privacy(run.noiseMultiplier(), run.clip(), run.samplingRate(), run.steps(), epsilon);
        }
    }

    /**
     * Plans a DP-SGD run of {@code training} on {@code examples} local examples for {@code model}.
     *
     * @throws ProtocolException PRIVACY_BUDGET_EXCEEDED when the run would pass the budget
     */
    public static Plan plan(DlnLedger ledger, LedgerIdentity me, ModelView model, int examples, TrainingSpec training) {
        ModelView.Privacy policy = model.privacy();
        if (policy == null) {
            throw new IllegalArgumentException("model " + model.id() + " has no privacy policy");
        }
        RdpAccountant acc = RdpAccountant.DLN;
        double[] curve = new double[acc.size()];
        // The ledger keeps this identity's runs on its updates (on its masked submissions under secure
        // aggregation); their composition is what was spent.
        for (UpdateView.Privacy spent : spent(ledger, me, model)) {
            curve = acc.compose(curve, spent.run().curve(acc));
        }
        double before = acc.epsilon(curve, policy.delta()).epsilon();
        DpSgdSettings settings = new DpSgdSettings(policy.clip(), policy.noiseMultiplier());
        DpSgdRun run = DpSgdTrainer.plannedRun(examples, training, settings);
        double after = acc.epsilon(acc.compose(curve, run.curve(acc)), policy.delta()).epsilon();
        if (after > policy.epsilon()) {
            throw new ProtocolException(Rule.PRIVACY_BUDGET_EXCEEDED.name(), "not training: a run of " + run.steps() + " steps at sampling rate "
                    + run.samplingRate() + " and noise multiplier " + run.noiseMultiplier() + " would bring this provider's epsilon on model "
                    + model.id() + " from " + before + " to " + after + ", over its budget of " + policy.epsilon() + " at delta " + policy.delta());
        }
        return new Plan(settings, run, before, after);
    }

    /**
     * The runs this identity recorded on the model: on its updates, or under secure aggregation on
     * its masked submissions of the last {@link DlnLedger#MAX_PAGE} rounds (the chaincode's own
     * spending key is the check that counts; a provider past that many rounds still cannot pass it).
     */
    private static java.util.List<UpdateView.Privacy> spent(DlnLedger ledger, LedgerIdentity me, ModelView model) {
        java.util.List<UpdateView.Privacy> out = new java.util.ArrayList<>();
        if (!model.securelyAggregated()) {
            for (UpdateView u : ledger.listSubmittedBy(model.id(), me, DlnLedger.MAX_PAGE)) {
                if (u.privacy() != null) {
                    out.add(u.privacy());
                }
            }
            return out;
        }
        for (int r = Math.max(1, model.currentRound() - DlnLedger.MAX_PAGE + 1); r <= model.currentRound(); r++) {
            for (dln.api.view.SecureRoundView.Party p : ledger.getSecureRound(model.id(), r).parties()) {
                if (p.identity().equals(me) && p.privacy() != null) {
                    out.add(p.privacy());
                }
            }
        }
        return out;
    }
}
