package dln.core.model;

import java.util.List;

/**
 * The built-in architectures. {@link #mlp()} and {@link #lenet()} are the ones for 28x28 digits;
 * {@link #byName(String, int, int)} adapts them to a dataset's feature and class count.
 */
public final class BuiltinModels {
    private BuiltinModels() {
    }

    /** MLP 784-200-200-10 with ReLU: 199,210 parameters. Adam 1e-3, batch 32, 1 local epoch. */
    public static ModelSpec mlp() {
        return mlp(784, 10);
    }

    /**
     * MLP {@code inputs}-200-200-{@code classes} with ReLU and a softmax head. Adam 1e-3, batch
     * 32, 1 local epoch. Two classes get a two-unit softmax: its probability of class 1 is the
     * sigmoid of the difference of the two logits, so it is a sigmoid head with decision
     * threshold 0.5 (argmax), in one more column of weights.
     */
    public static ModelSpec mlp(int inputs, int classes) {
        if (inputs < 1 || classes < 2) {
            throw new IllegalArgumentException("an MLP needs at least 1 input and 2 classes, got " + inputs + " and " + classes);
        }
        return new ModelSpec("mlp", new ArchitectureSpec(List.of(inputs), List.of(
                LayerSpec.dense(200, "relu"),
                LayerSpec.dense(200, "relu"),
                LayerSpec.output(classes))),
                new TrainingSpec("adam", 1e-3, 32, 1, 0), 42);
    }

    /**
     * LeNet as in the DL4J examples: conv 5x5x20, maxpool 2, conv 5x5x50, maxpool 2, dense 500
     * ReLU, softmax 10: 431,080 parameters. Adam 1e-3, batch 32, 1 local epoch.
     */
    public static ModelSpec lenet() {
        return new ModelSpec("lenet", new ArchitectureSpec(List.of(1, 28, 28), List.of(
                LayerSpec.conv2d(20, 5, 1, "identity"),
                LayerSpec.maxpool(2, 2),
                LayerSpec.conv2d(50, 5, 1, "identity"),
                LayerSpec.maxpool(2, 2),
                LayerSpec.dense(500, "relu"),
                LayerSpec.output(10))),
                new TrainingSpec("adam", 1e-3, 32, 1, 0), 42);
    }

    /**
     * A built-in for a dataset of {@code inputs} features and {@code classes} classes: the MLP
     * for any; LeNet only for 28x28 single-channel images (784 features), with its head sized to
     * the classes.
     *
     * @throws IllegalArgumentException for an unknown name or a shape the model cannot take
     */
    public static ModelSpec byName(String name, int inputs, int classes) {
        ModelSpec base = byName(name);
        if ("mlp".equals(base.name())) {
            return mlp(inputs, classes);
        }
        if (inputs != 784) {
            throw new IllegalArgumentException("lenet takes 28x28 images (784 features); this dataset has " + inputs + ": use the mlp");
        }
        List<LayerSpec> layers = new java.util.ArrayList<>(base.architecture().layers());
        layers.set(layers.size() - 1, LayerSpec.output(classes));
        return new ModelSpec(base.name(), new ArchitectureSpec(base.architecture().input(), layers), base.training(), base.seed());
    }

    /** Looks a built-in up by name ({@code mlp}, {@code lenet}). */
    public static ModelSpec byName(String name) {
        return switch (name) {
            case "mlp" -> mlp();
            case "lenet", "cnn" -> lenet();
            default -> throw new IllegalArgumentException("no built-in model '" + name + "' (mlp, lenet)");
        };
    }
}
