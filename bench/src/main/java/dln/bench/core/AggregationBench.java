package dln.bench.core;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import dln.bench.Table;
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
import dln.core.model.SpecJson;
import dln.core.protocol.UpdateGeometry;
import dln.core.weights.WeightFiles;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Encode, decode, aggregate and measure the steps of 16 LeNet-sized vectors (target: every rule at most 50 ms). */
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
                "operation", "wall ms", "thread CPU ms", "target ms", "ok (CPU)");
        byte[][] files = new byte[N][];
        double[] enc = median(() -> {
            for (int i = 0; i < N; i++) {
                files[i] = WeightFiles.toBytes(plan.hash(), updates.get(i).params());
            }
        });
        t.row("encode 16 weight files", Table.f("%.1f", enc[0]), Table.f("%.1f", enc[1]), "", "");
        double[] dec = median(() -> {
            for (int i = 0; i < N; i++) {
                try {
                    WeightFiles.read(new ByteArrayInputStream(files[i]), plan.hash(), plan.parameterCount());
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        });
        t.row("decode + verify 16 weight files", Table.f("%.1f", dec[0]), Table.f("%.1f", dec[1]), "", "");
        AggregationInput in = AggregationInput.of(updates, base);
        double[] validate = median(() -> AggregationInput.of(updates, base));
        t.row("canonical order + finite check", Table.f("%.1f", validate[0]), Table.f("%.1f", validate[1]), "", "");
        for (AggregationRule rule : List.of(new FedAvg(), new CoordinateMedian(), new TrimmedMean(0.1),
                new MultiKrum(3, 10), new NormClippedFedAvg(5.0))) {
            double[] ms = median(() -> rule.aggregate(in));
            t.row(rule.describe(), Table.f("%.1f", ms[0]), Table.f("%.1f", ms[1]), "50", ms[1] <= 50 ? "yes" : "NO");
        }
        // A committee member measures each update's step norm (one vector) and its alignment with
        // the others' step (two), then the set; no target: where a member's CPU goes.
        float[][] vs = updates.stream().map(ModelUpdate::params).toArray(float[][]::new);
        double[] norms = median(() -> {
            for (float[] v : vs) {
                UpdateGeometry.relativeDistance(v, base);
            }
        });
        t.row("step norms, 16 x one vector", Table.f("%.1f", norms[0]), Table.f("%.1f", norms[1]), "", "");
        double[] alignments = median(() -> {
            for (int i = 0; i < N; i++) {
                UpdateGeometry.stepCosine(vs[i], vs[(i + 1) % N], base);
            }
        });
        t.row("step alignments, 16 x two vectors", Table.f("%.1f", alignments[0]), Table.f("%.1f", alignments[1]), "", "");
        double[] gram = median(() -> UpdateGeometry.Steps.of(Arrays.asList(vs), base));
        t.row("step geometry of all 16 together", Table.f("%.1f", gram[0]), Table.f("%.1f", gram[1]), "", "");
        // Every participant plans each model record it reads (ModelContext.of): a member twice a pass.
        JsonElement record = JsonParser.parseString(SpecJson.canonical(BuiltinModels.lenet().architecture()));
        double[] planned = median(() -> {
            for (int i = 0; i < N; i++) {
                ArchitecturePlan.of(SpecJson.architecture(record));
            }
        });
        t.row("plan 16 model records (parse, plan, hash)", Table.f("%.1f", planned[0]), Table.f("%.1f", planned[1]), "", "");
        t.print();
    }

    /**
     * Median wall-clock and median thread-CPU milliseconds. The CPU figure is the one to compare
     * with the target: on a shared 2-core machine wall time mostly measures the neighbours.
     */
    private static double[] median(Runnable task) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        task.run();
        task.run();
        double[] wall = new double[REPEAT];
        double[] cpu = new double[REPEAT];
        for (int k = 0; k < REPEAT; k++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            task.run();
            wall[k] = (System.nanoTime() - t0) / 1e6;
            cpu[k] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        return new double[]{wall[REPEAT / 2], cpu[REPEAT / 2]};
    }
}
