package dln.core.attack;

import dln.api.Mode;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** Steps for attacks that need no ledger: a model record with an id and a mode, nothing else. */
final class Steps {

    private Steps() {}

    static ModelContext model(final String id, final Mode mode) {
        final ModelView m = new ModelView(id, "test", null, null, null, null, null, mode, null, null, null, null, 0, List.of(), null, null, ModelStatus.OPEN,
                List.of(), 1, null, null, null);
        return new ModelContext(m, null, null);
    }

    static Adversary.Step step(final ModelContext model, final int round, final float[] start, final float[] delta, final long seed) {
        final float[] trained = new float[start.length];
        for (int i = 0; i < start.length; i++) {
            trained[i] = start[i] + delta[i];
        }
        return new Adversary.Step(new Participant("nobody", null, null), model, round, start, trained, seed, parents -> {
            throw new AssertionError("no ledger here");
        });
    }

    /** Each member's weights for one federated round, every member on a thread of its own, in member order. */
    static List<float[]> concurrently(final AttackTeam team, final ModelContext model, final int round, final float[] start,
            final float[][] deltas) throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(deltas.length);
        try {
            final List<Callable<float[]>> jobs = new ArrayList<>();
            for (int k = 0; k < deltas.length; k++) {
                final int member = k;
                jobs.add(() -> team.member(member).weights(step(model, round, start, deltas[member], 100 + member)));
            }
            final List<float[]> out = new ArrayList<>();
            for (Future<float[]> f : pool.invokeAll(jobs)) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    static float[] minus(final float[] a, final float[] b) {
        final float[] out = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] - b[i];
        }
        return out;
    }

    static double distance(final float[] a, final float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            final double d = (double) a[i] - b[i];
            s += d * d;
        }
        return Math.sqrt(s);
    }
}
