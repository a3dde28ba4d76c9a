package dln.bench.scale;

import dln.core.attack.Adversary;
import dln.core.attack.Attack;
import java.util.SplittableRandom;

/**
 * A provider whose training is replaced by a fixed small step, so that a round's time is its
 * coordination: 1 % of the start weights (every provider moves the same way, so the committee's
 * trend check passes after the first round) plus seeded noise of the same size (so the steps are
 * no copies of each other: about 0.5 apart in cosine, as honest steps on different data). Far
 * inside the committee's sanity bounds.
 */
record FixedUpdate(int index) implements Adversary {

    private static final double STEP = 0.01;

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
        final float[] start = step.start();
        double squares = 0;
        for (float v : start) {
            squares += (double) v * v;
        }
        final double noise = STEP * Math.sqrt(squares / start.length);
        final SplittableRandom random = new SplittableRandom(step.seed() * 31 + index);
        final float[] w = new float[start.length];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (start[i] * (1 + STEP) + noise * gaussian(random));
        }
        return w;
    }

    /** A standard normal draw (Box-Muller): SplittableRandom has none. */
    private static double gaussian(final SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
