package dln.core.model;

import dln.core.data.Dataset;
import java.util.Map;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@link SameDiffNetwork} behind the {@link Network} interface: the flat parameter and gradient
 * arrays are this class's, copied into the graph's variables before each pass (one copy of P
 * values, small next to the pass itself).
 */
final class SameDiffEngine implements Network {
    private final SameDiffNetwork net;
    private final ArchitecturePlan plan;
    private final INDArray params;
    private final INDArray grads;
    private Random random = new Random(0);
    private Map<String, INDArray> pendingStats = Map.of();

    private SameDiffEngine(SameDiffNetwork net) {
        this.net = net;
        this.plan = net.plan();
        int p = plan.parameterArrayLength();
        this.params = Nd4j.create(DataType.FLOAT, 1, p);
        this.grads = Nd4j.create(DataType.FLOAT, 1, p);
    }

    static SameDiffEngine of(ArchitecturePlan plan, float[] params) {
        SameDiffEngine e = new SameDiffEngine(SameDiffNetwork.build(plan, params));
        e.setParameters(params);
        return e;
    }

    private static INDArray view(INDArray flat, ParamSpec p) {
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(p.arrayOffset(), p.arrayOffset() + p.arrayLength()))
                .reshape('c', p.shapeLongs());
    }

    @Override
    public ArchitecturePlan plan() {
        return plan;
    }

    @Override
    public void setParameters(float[] values) {
        if (values.length != plan.parameterCount()) {
            throw new IllegalArgumentException("parameter vector has " + values.length + " values, architecture "
                    + plan.hash().substring(0, 12) + " needs " + plan.parameterCount());
        }
        params.assign(Nd4j.createFromArray(values).reshape(1, values.length));
    }

    @Override
    public float[] getParameters() {
        return params.dup().data().asFloat();
    }

    @Override
    public INDArray parameters() {
        return params;
    }

    @Override
    public INDArray gradients() {
        return grads;
    }

    @Override
    public void seed(long seed) {
        random = new Random(seed);
    }

    private void push() {
        for (ParamSpec p : plan.params()) {
            net.graph().getArrForVarName(p.name()).assign(view(params, p));
        }
    }

    @Override
    public double gradient(Dataset data, int[] order, int start, int n) {
        push();
        SameDiffNetwork.Step step = net.trainingStep(features(data, order, start, n), targets(data, order, start, n), random);
        for (ParamSpec p : plan.params()) {
            INDArray g = p.trainable() ? step.gradients().get(p.name()) : null;
            if (g == null) {
                view(grads, p).assign(0);
            } else {
                view(grads, p).assign(g.reshape('c', p.shapeLongs()));
            }
        }
        pendingStats = step.runningStats();
        return step.loss();
    }

    @Override
    public void finishStep() {
        for (ParamSpec p : plan.params()) {
            INDArray s = pendingStats.get(p.name());
            if (s != null) {
                view(params, p).assign(s.reshape('c', p.shapeLongs()));
            }
        }
        pendingStats = Map.of();
    }

    @Override
    public INDArray predict(Dataset data, int[] order, int start, int n) {
        push();
        return net.predict(features(data, order, start, n));
    }

    private static INDArray features(Dataset d, int[] order, int start, int n) {
        int nf = d.numFeatures();
        float[] f = new float[n * nf];
        for (int k = 0; k < n; k++) {
            System.arraycopy(d.features(), order[start + k] * nf, f, k * nf, nf);
        }
        return Nd4j.create(f, new long[]{n, nf}, 'c');
    }

    /**
     * One-hot rows for the softmax head, the 0/1 label for the sigmoid head, the float target for
     * a regression head (of one unit: a {@link Dataset} holds one target per example). A head and
     * data of different kinds are refused.
     */
    private INDArray targets(Dataset d, int[] order, int start, int n) {
        Head head = plan.head();
        int units = head.units();
        if ((head.kind() == Head.Kind.REGRESSION) != d.isRegression()) {
            throw new IllegalArgumentException(head.kind() == Head.Kind.REGRESSION
                    ? "a regression head trains on float targets, not class labels"
                    : "a " + head.kind().name().toLowerCase(java.util.Locale.ROOT) + " head trains on class labels, not float targets");
        }
        if (head.kind() == Head.Kind.REGRESSION && units != 1) {
            throw new IllegalArgumentException("a dataset holds one target per example; the regression head has " + units + " outputs");
        }
        float[] t = new float[n * units];
        for (int k = 0; k < n; k++) {
            switch (head.kind()) {
                case SOFTMAX -> t[k * units + d.labels()[order[start + k]]] = 1f;
                case SIGMOID -> t[k] = d.labels()[order[start + k]];
                case REGRESSION -> t[k] = d.targets()[order[start + k]];
            }
        }
        return Nd4j.create(t, new long[]{n, units}, 'c');
    }
}
