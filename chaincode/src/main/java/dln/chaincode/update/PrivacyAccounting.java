package dln.chaincode.update;

import dln.api.Rule;
import dln.api.privacy.DpSgdRun;
import dln.api.privacy.RdpAccountant;
import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.model.PrivacyPolicy;
import dln.chaincode.rule.Violation;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger's side of a model's privacy budget. The chaincode cannot see whether a provider
 * really clipped and added noise (that is its attestation, like its sample count), but it does
 * not take the provider's word for the arithmetic: it composes the declared mechanism with the
 * provider's recorded spending on the model and converts it to epsilon itself, with the one
 * accountant the clients use ({@link RdpAccountant#DLN}), then refuses an update that would pass
 * the budget. Reads only the provider's own spending key.
 */
public final class PrivacyAccounting {
    /** Claimed and recomputed epsilon may differ by float noise only: both sides run the same StrictMath code. */
    private static final double TOLERANCE = 1e-9;

    private PrivacyAccounting() {
    }

    /** The record to store on the update, and the provider's new spending. */
    public record Checked(PrivacyRecord record, PrivacySpend spend) {
    }

    /** Null for a model without a privacy policy (after refusing a privacy record there). */
    public static Checked check(final Ledger ledger, final Model model, final PrivacyRecord declared, final Identity caller) {
        if (!model.requiresPrivacy()) {
            if (declared != null) {
                throw Violation.of(Rule.INVALID_FIELD, "model " + model.id() + " has no privacy policy; leave update.privacy out");
            }
            return null;
        }
        final PrivacyPolicy policy = model.privacy();
        if (declared == null) {
            throw Violation.of(Rule.PRIVACY_RECORD_REQUIRED, "model " + model.id() + " requires differentially private updates: give update.privacy"
                    + " {noiseMultiplier, clip, samplingRate, steps, epsilon} of your DP-SGD run");
        }
        final DpSgdRun run;
        try {
            run = new DpSgdRun(declared.samplingRate(), declared.noiseMultiplier(), declared.clip(), declared.steps());
        } catch (IllegalArgumentException e) {
            throw Violation.of(Rule.INVALID_FIELD, "update.privacy: " + e.getMessage());
        }
        if (run.noiseMultiplier() < policy.noiseMultiplier()) {
            throw Violation.of(Rule.PRIVACY_BELOW_POLICY, "update.privacy.noiseMultiplier " + run.noiseMultiplier()
                    + " is below model " + model.id() + "'s " + policy.noiseMultiplier());
        }
        if (run.clip() != policy.clip()) {
            throw Violation.of(Rule.PRIVACY_BELOW_POLICY, "update.privacy.clip must be model " + model.id() + "'s " + policy.clip()
                    + ", got " + run.clip());
        }
        final RdpAccountant accountant = RdpAccountant.DLN;
        final PrivacySpend before = ledger.read(Keys.privacySpend(model.id(), caller), PrivacySpend.class).orElse(null);
        final double[] prior = before == null ? new double[accountant.size()] : before.curve();
        final double[] curve = accountant.compose(prior, run.curve(accountant));
        final double epsilon = accountant.epsilon(curve, policy.delta()).epsilon();
        if (epsilon > policy.epsilon()) {
            throw Violation.of(Rule.PRIVACY_BUDGET_EXCEEDED, "this update would bring your epsilon on model " + model.id() + " to "
                    + epsilon + " at delta " + policy.delta() + ", over its budget of " + policy.epsilon()
                    + (before == null ? "" : " (spent so far: " + before.epsilon() + " in " + before.updates() + " updates)"));
        }
        if (Math.abs(declared.epsilon() - epsilon) > TOLERANCE * Math.max(1, epsilon)) {
            throw Violation.of(Rule.PRIVACY_SPEND_MISMATCH, "update.privacy.epsilon is " + declared.epsilon() + " but your spending on model "
                    + model.id() + " with this run is " + epsilon + " (RDP accountant, delta " + policy.delta() + ")");
        }
        final List<Double> values = new ArrayList<>(curve.length);
        for (final double v : curve) {
            values.add(v);
        }
        final PrivacyRecord record = new PrivacyRecord(run.noiseMultiplier(), run.clip(), run.samplingRate(), run.steps(), epsilon);
        return new Checked(record, new PrivacySpend(model.id(), caller, values, epsilon, before == null ? 1 : before.updates() + 1));
    }
}
