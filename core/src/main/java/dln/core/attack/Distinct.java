package dln.core.attack;

import java.util.SplittableRandom;

/**
 * Makes the copies of one vector differ. The ledger records each weights CID once, so colluders
 * sending the same update, as the papers' attackers do, must each change it a little.
 */
final class Distinct {

    private Distinct() {}

    /**
     * {@code w} with one coordinate (chosen by the member) moved up by one ulp: member 0 keeps it
     * as it is, the others each differ from it, and from each other, in the last bit only.
     */
    static float[] nudge(final float[] w, final int member) {
        if (member == 0 || w.length == 0) {
            return w;
        }
        final float[] out = w.clone();
        final int i = (member - 1) % w.length;
        out[i] = Math.nextUp(out[i]);
        return out;
    }

    /** {@code start + delta} plus Gaussian noise of {@code relative} times the delta's root mean square. */
    static float[] jitter(final float[] start, final float[] delta, final double relative, final long seed) {
        final double scale = relative * Vectors.rms(delta);
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] out = new float[start.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (start[i] + delta[i] + scale * Attack.gaussian(r));
        }
        return out;
    }
}
