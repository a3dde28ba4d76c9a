package dln.core.bench;

import dln.core.aggregation.AggregationInput;
import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.CoordinateMedian;
import dln.core.aggregation.FedAvg;
import dln.core.aggregation.ModelUpdate;
import dln.core.aggregation.MultiKrum;
import dln.core.aggregation.NormClippedFedAvg;
import dln.core.aggregation.TrimmedMean;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ParameterInit;
import dln.core.weights.WeightFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Encode, decode and aggregate 16 LeNet-sized vectors (target: every rule at most 50 ms). */
final class AggregationBench {
    private static final int N = 16;
    private static final int REPEAT = 7;

    private AggregationBench() {
    }

    static void run() throws IOException {
        ArchitecturePlan plan = ArchitecturePlan.of(BuiltinModels.lenet().architecture());
        float[] base = ParameterInit.initialise(plan, 1);
        Random r = new Random(5);
        List<ModelUpdate> updates = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            float[] v = base.clone();
            for (int j = 0; j < v.length; j++) {
                v[j] += 0.01f * (float) r.nextGaussian();
            }
            updates.add(new ModelUpdate(String.format("update-%02d", i), v, 500 + i));
        }
        Table t = new Table("16 LeNet vectors (" + plan.parameterCount() + " floats each), median of " + REPEAT + " runs",
                "operation", "time ms", "target ms", "ok");
        byte[][] files = new byte[N][];
        double enc = median(() -> {
            for (int i = 0; i < N; i++) {
                files[i] = WeightFiles.toBytes(plan.hash(), updates.get(i).params());
            }
        });
        t.row("encode 16 weight files", Table.f("%.1f", enc), "", "");
        double dec = median(() -> {
            for (int i = 0; i < N; i++) {
                try {
                    WeightFiles.read(new ByteArrayInputStream(files[i]), plan.hash(), plan.parameterCount());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        t.row("decode + verify 16 weight files", Table.f("%.1f", dec), "", "");
        AggregationInput in = AggregationInput.of(updates, base);
        double validate = median(() -> AggregationInput.of(updates, base));
        t.row("canonical order + finite check", Table.f("%.1f", validate), "", "");
        for (AggregationRule rule : List.of(new FedAvg(), new CoordinateMedian(), new TrimmedMean(0.1),
                new MultiKrum(3, 10), new NormClippedFedAvg(5.0))) {
            double ms = median(() -> rule.aggregate(in));
            t.row(rule.describe(), Table.f("%.1f", ms), "50", ms <= 50 ? "yes" : "NO");
        }
        t.print();
    }

    private static double median(Runnable task) {
        task.run();
        task.run();
        double[] ms = new double[REPEAT];
        for (int k = 0; k < REPEAT; k++) {
            long t0 = System.nanoTime();
            task.run();
            ms[k] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[REPEAT / 2];
    }
}
