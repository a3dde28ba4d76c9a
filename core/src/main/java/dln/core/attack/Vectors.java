package dln.core.attack;

/** Element-wise arithmetic on parameter vectors, for the attacks' deltas. */
final class Vectors {

    private Vectors() {}

    static float[] minus(final float[] a, final float[] b) {
        same(a, b);
        final float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    static float[] plus(final float[] a, final float[] b) {
        same(a, b);
        final float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] + b[i];
        }
        return out;
    }

    static float[] times(final float[] a, final double k) {
        final float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (k * a[i]);
        }
        return out;
    }

    /** Root mean square of the coordinates: the scale of a delta, whatever the model's size. */
    static double rms(final float[] a) {
        double s = 0;
        for (float v : a) {
            s += (double) v * v;
        }
        return Math.sqrt(s / Math.max(1, a.length));
    }

    private static void same(final float[] a, final float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors of " + a.length + " and " + b.length + " parameters");
        }
    }
}
