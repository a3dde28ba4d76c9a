package dln.bench.scale;

import dln.core.attack.Adversary;
import dln.core.attack.Attack;

/**
 * A provider whose training is replaced by a fixed small step, so that a round's time is its
 * coordination: the start weights scaled by {@code 1 + 0.01 + index * 1e-6}. Every provider moves
 * the same way (the committee's trend check passes after the first round) by slightly different
 * amounts (every update has weights of its own, as the ledger requires), and the step is far
 * inside the committee's sanity bounds.
 */
record FixedUpdate(int index) implements Adversary {

    @Override
    public Attack attack() {
        return Attack.NONE;
    }

    @Override
    public boolean trains() {
        return false;
    }

    @Override
    public float[] weights(final Step step) {
        final float[] w = step.start().clone();
        final float scale = 1.01f + index * 1e-6f;
        for (int i = 0; i < w.length; i++) {
            w[i] *= scale;
        }
        return w;
    }
}
