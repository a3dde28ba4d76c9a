package dln.core.model;

import java.util.List;

/**
 * The built-in architectures. {@link #mlp()} and {@link #lenet()} are the ones for 28x28 digits;
 * {@link #cifar()} is a small residual CNN for 32x32 colour images;
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
     * MLP {@code inputs}-200-200-1 with ReLU and a regression head (one identity unit, mean
     * squared error), the built-in {@code mlp} for a dataset with a float target. Adam 1e-3,
     * batch 32, 1 local epoch, loss {@code mse}.
     */
    public static ModelSpec mlpRegression(int inputs) {
        if (inputs < 1) {
            throw new IllegalArgumentException("an MLP needs at least 1 input, got " + inputs);
        }
        return new ModelSpec("mlp", new ArchitectureSpec(List.of(inputs), List.of(
                LayerSpec.dense(200, "relu"),
                LayerSpec.dense(200, "relu"),
                LayerSpec.regressionOutput(1))),
                new TrainingSpec("adam", 1e-3, 32, 1, 0, null, null, "mse", null), 42);
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
     * A CIFAR-shaped residual CNN: 32x32x3 input; a 3x3 convolution to 16 channels; three stages
     * of one residual block each (16 channels at 32x32, 32 at 16x16, 64 at 8x8; the second and
     * third start with a stride-2 convolution), every convolution same-padded and followed by
     * batch norm, each block adding its input back before the ReLU; global average pooling;
     * softmax 10: 122,570 parameters (672 of them batch-norm running statistics). Adam 1e-3,
     * batch 32, 1 local epoch. It runs on the SameDiff engine (batch norm, residual adds).
     */
    public static ModelSpec cifar() {
        return cifar(10);
    }

    private static ModelSpec cifar(int classes) {
        List<LayerSpec> l = new java.util.ArrayList<>();
        l.add(LayerSpec.conv2dSame(16, 3, 1, "identity"));
        l.add(LayerSpec.batchNorm("relu"));
        int channels = 16;
        for (int stage = 0; stage < 3; stage++) {
            if (stage > 0) {
                channels *= 2;
                l.add(LayerSpec.conv2dSame(channels, 3, 2, "identity"));
                l.add(LayerSpec.batchNorm("relu"));
            }
            int blockInput = l.size() - 1;
            l.add(LayerSpec.conv2dSame(channels, 3, 1, "identity"));
            l.add(LayerSpec.batchNorm("relu"));
            l.add(LayerSpec.conv2dSame(channels, 3, 1, "identity"));
            l.add(LayerSpec.batchNorm(null));
            l.add(LayerSpec.add(blockInput, "relu"));
        }
        l.add(LayerSpec.globalAvgPool());
        l.add(LayerSpec.output(classes));
        return new ModelSpec("cifar", new ArchitectureSpec(List.of(3, 32, 32), l),
                new TrainingSpec("adam", 1e-3, 32, 1, 0), 42);
    }

    /**
     * A built-in for a dataset of {@code inputs} features and {@code classes} classes (0: a float
     * target, a regression): the MLP for any (its regression form, {@link #mlpRegression}, for 0); LeNet only for 28x28 single-channel images (784 features) and the CIFAR CNN only
     * for 32x32 colour images (3,072 features), with their heads sized to the classes.
     *
     * @throws IllegalArgumentException for an unknown name or a shape the model cannot take
     */
    public static ModelSpec byName(String name, int inputs, int classes) {
        ModelSpec base = byName(name);
        if ("mlp".equals(base.name())) {
            return classes == 0 ? mlpRegression(inputs) : mlp(inputs, classes);
        }
        if (classes == 0) {
            throw new IllegalArgumentException(name + " classifies; a dataset with a float target (a regression) takes the mlp");
        }
        if ("cifar".equals(base.name())) {
            if (inputs != 3 * 32 * 32) {
                throw new IllegalArgumentException("cifar takes 32x32 colour images (3072 features); this dataset has " + inputs + ": use the mlp");
            }
            return cifar(classes);
        }
        if (inputs != 784) {
            throw new IllegalArgumentException("lenet takes 28x28 images (784 features); this dataset has " + inputs + ": use the mlp");
        }
        List<LayerSpec> layers = new java.util.ArrayList<>(base.architecture().layers());
        layers.set(layers.size() - 1, LayerSpec.output(classes));
        return new ModelSpec(base.name(), new ArchitectureSpec(base.architecture().input(), layers), base.training(), base.seed());
    }

    /** Looks a built-in up by name ({@code mlp}, {@code lenet}, {@code cifar}). */
    public static ModelSpec byName(String name) {
        return switch (name) {
            case "mlp" -> mlp();
            case "lenet", "cnn" -> lenet();
            case "cifar" -> cifar();
            default -> throw new IllegalArgumentException("no built-in model '" + name + "' (mlp, lenet, cifar)");
        };
    }
}
