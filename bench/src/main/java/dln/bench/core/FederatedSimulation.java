package dln.bench.core;

import dln.bench.Table;
import dln.core.aggregation.AggregationInput;
import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.AggregationRules;
import dln.core.aggregation.ModelUpdate;
import dln.core.data.Dataset;
import dln.core.data.Partitioner;
import dln.core.data.Partitions;
import dln.core.evaluation.Evaluator;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.util.ArrayList;
import java.util.List;

/**
 * Centralised training vs FedAvg at equal total epochs: R rounds of one local epoch per provider
 * cover the training set R times, like R centralised epochs. Prints test accuracy per round.
 */
final class FederatedSimulation {
    private FederatedSimulation() {
    }

    static void run(ModelSpec spec, Dataset train, Dataset test, int rounds, int[] providers, List<String> partitions,
                    String rule) {
        AggregationRule aggregation = AggregationRules.parse(rule);
        String model = spec.name() + " (" + spec.training().optimizer() + " lr " + spec.training().learningRate()
                + ", batch " + spec.training().batchSize() + ")";
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        double target = plan.imageInput() ? 0.97 : 0.95;
        LocalTrainer trainer = new LocalTrainer(plan);
        Evaluator eval = new Evaluator(plan);
        float[] init = ParameterInit.initialise(plan, spec.seed());

        String[] header = new String[rounds + 4];
        header[0] = "setup";
        for (int r = 0; r < rounds; r++) {
            header[r + 1] = "r" + (r + 1);
        }
        header[rounds + 1] = "final";
        header[rounds + 2] = "vs central";
        header[rounds + 3] = "rounds to " + Math.round(target * 100) + "%";
        Table t = new Table(model + ": test accuracy % per round/epoch (" + train.size() + " train, " + test.size()
                + " test; 1 local epoch per round)", header);

        List<Double> central = new ArrayList<>();
        float[] w = init;
        for (int e = 0; e < rounds; e++) {
            w = trainer.train(w, train, spec.training(), 1000 + e, TrainingListener.NONE).params();
            central.add(eval.evaluate(w, test).accuracy());
        }
        t.row(row("centralised", central, central.get(rounds - 1), target));

        for (String partition : partitions) {
            Partitioner p = Partitions.parse(partition);
            for (int k : providers) {
                List<Dataset> parts = Partitions.apply(train, p, k, 17);
                List<Double> acc = new ArrayList<>();
                float[] global = init;
                for (int r = 0; r < rounds; r++) {
                    List<ModelUpdate> ups = new ArrayList<>();
                    for (int i = 0; i < k; i++) {
                        float[] local = trainer.train(global, parts.get(i), spec.training(), 31L * r + i,
                                TrainingListener.NONE).params();
                        ups.add(new ModelUpdate(String.format("p%02d-r%02d", i, r), local, parts.get(i).size()));
                    }
                    global = aggregation.aggregate(AggregationInput.of(ups, global));
                    acc.add(eval.evaluate(global, test).accuracy());
                }
                t.row(row(aggregation.describe() + " " + p.describe() + " x" + k, acc, central.get(rounds - 1), target));
            }
        }
        t.print();
    }

    private static Object[] row(String name, List<Double> acc, double centralFinal, double target) {
        Object[] r = new Object[acc.size() + 4];
        r[0] = name;
        int reached = -1;
        for (int i = 0; i < acc.size(); i++) {
            r[i + 1] = Table.f("%.2f", 100 * acc.get(i));
            if (reached < 0 && acc.get(i) >= target) {
                reached = i + 1;
            }
        }
        double fin = acc.get(acc.size() - 1);
        r[acc.size() + 1] = Table.f("%.2f", 100 * fin);
        r[acc.size() + 2] = Table.f("%+.2f", 100 * (fin - centralFinal));
        r[acc.size() + 3] = reached < 0 ? ">" + acc.size() : String.valueOf(reached);
        return r;
    }
}
