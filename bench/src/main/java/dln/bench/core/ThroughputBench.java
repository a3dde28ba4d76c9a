package dln.bench.core;

import dln.bench.Table;
import dln.core.data.Dataset;
import dln.core.evaluation.Evaluator;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.MultiLayerNetworkExport;
import dln.core.model.ParameterInit;
import dln.core.training.Batches;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import org.deeplearning4j.datasets.iterator.ExistingDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Training and evaluation throughput: dln's engine (LocalTrainer, Evaluator) beside a MultiLayerNetwork of the same architecture. */
final class ThroughputBench {
    private ThroughputBench() {
    }

    static void run(Dataset train, Dataset test, int sdTrain, int mlnTrain, java.util.function.UnaryOperator<ModelSpec> settings) {
        Table t = new Table("Throughput (1 native thread unless OMP_NUM_THREADS says otherwise; after warm-up)",
                "model", "engine", "train ex", "train ex/s", "eval ex", "eval ex/s", "dln/MLN train");
        for (String name : new String[]{"mlp", "lenet"}) {
            ModelSpec spec = settings.apply(BuiltinModels.byName(name));
            ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
            float[] init = ParameterInit.initialise(plan, spec.seed());
            LocalTrainer trainer = new LocalTrainer(plan);
            Dataset warm = train.subset(Batches.identity(Math.min(500, train.size())));
            trainer.train(init, warm, spec.training(), 0, TrainingListener.NONE);
            Dataset sdSet = train.subset(Batches.identity(Math.min(sdTrain, train.size())));
            long t0 = System.nanoTime();
            float[] trained = trainer.train(init, sdSet, spec.training(), 1, TrainingListener.NONE).params();
            double sdTrainRate = sdSet.size() / seconds(t0);
            Evaluator ev = new Evaluator(plan);
            ev.evaluate(trained, warm);
            t0 = System.nanoTime();
            ev.evaluate(trained, test);
            double sdEvalRate = test.size() / seconds(t0);

            MultiLayerNetwork mln = MultiLayerNetworkExport.toNetwork(plan, init);
            mln.fit(new ExistingDataSetIterator(Batches.of(warm, Batches.identity(warm.size()), spec.training().batchSize())));
            Dataset mlnSet = train.subset(Batches.identity(Math.min(mlnTrain, train.size())));
            t0 = System.nanoTime();
            mln.fit(new ExistingDataSetIterator(Batches.of(mlnSet, Batches.identity(mlnSet.size()), spec.training().batchSize())));
            double mlnTrainRate = mlnSet.size() / seconds(t0);
            INDArray x = Batches.features(test, Batches.identity(test.size()), 0, test.size());
            mln.output(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 500)));
            t0 = System.nanoTime();
            for (int s = 0; s < test.size(); s += 500) {
                mln.output(x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(s, Math.min(test.size(), s + 500))));
            }
            double mlnEvalRate = test.size() / seconds(t0);
            String label = name + " b" + spec.training().batchSize();
            t.row(label, "dln", sdSet.size(), Table.f("%,.0f", sdTrainRate), test.size(), Table.f("%,.0f", sdEvalRate),
                    Table.f("%.1fx", sdTrainRate / mlnTrainRate));
            t.row(label, "MultiLayerNetwork", mlnSet.size(), Table.f("%,.0f", mlnTrainRate), test.size(),
                    Table.f("%,.0f", mlnEvalRate), "");
        }
        t.print();
    }

    static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }
}
