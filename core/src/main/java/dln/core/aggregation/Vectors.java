package dln.core.aggregation;

/** Pulls the parameter arrays out once so the hot loops index plain arrays. */
final class Vectors {
    private Vectors() {
    }

    static float[][] of(AggregationInput input) {
        float[][] vs = new float[input.size()][];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = input.updates().get(i).params();
        }
        return vs;
    }
}
