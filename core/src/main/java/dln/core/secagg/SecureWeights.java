package dln.core.secagg;

import dln.api.WeightingPolicy;
import dln.api.view.ModelView;
import dln.api.view.SecureRoundView;

/**
 * Aggregation weights under secure aggregation. Masking hides single updates, so a weight cannot
 * be applied after the fact: each provider scales its own step by its weight before masking, and
 * the aggregate divides the unmasked sum by the survivors' total weight. A weight must therefore
 * be computable from the provider's own public claim and the model alone: equal weighting (1) and
 * a fixed cap ({@code min(cap, samples) / cap}, in (0, 1], so a scaled step keeps the unscaled
 * step's bound). The median cap depends on the others' claims and per-organisation weights on who
 * survives; neither is known when a provider masks, so the ledger refuses them with secure
 * aggregation, as it does claimed weights (one unbounded claim would scale a step past the
 * fixed-point bound).
 */
public final class SecureWeights {
    private SecureWeights() {
    }

    /** Whether a provider can apply {@code w} to its own step before masking. */
    public static boolean supported(final ModelView.Weighting w) {
        return !w.perOrganisation() && w.trust() == 0 && (w.policy() == WeightingPolicy.EQUAL || w.policy() == WeightingPolicy.CAPPED);
    }

    /** The factor a provider claiming {@code samples} scales its step by. */
    public static double of(final ModelView.Weighting w, final long samples) {
        if (!supported(w)) {
            throw new IllegalArgumentException("secure aggregation cannot apply weighting " + w.policy()
                    + (w.perOrganisation() ? " per organisation" : "") + (w.trust() > 0 ? " with trust" : "") + ": use equal or capped");
        }
        return w.policy() == WeightingPolicy.EQUAL ? 1.0 : (double) Math.max(1, Math.min(w.cap(), samples)) / w.cap();
    }

    /** The survivors' (masked updates') total weight, from the claims on the ledger, in key-set order. */
    public static double total(final ModelView.Weighting w, final SecureRoundView view) {
        double sum = 0;
        for (final SecureRoundView.Party p : view.parties()) {
            if (view.round().masked().contains(p.identity())) {
                sum += of(w, p.samples());
            }
        }
        return sum;
    }

    /** {@code step} times {@code weight}, coordinate by coordinate (what the provider masks). */
    public static float[] scale(final float[] step, final double weight) {
        final float[] out = new float[step.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (step[i] * weight);
        }
        return out;
    }
}
