package dln.core.model;

import java.util.List;

/** The built-in architectures for 28x28 digits. */
public final class BuiltinModels {
    private BuiltinModels() {
    }

    /** MLP 784-200-200-10 with ReLU: 199,210 parameters. Adam 1e-3, batch 32, 1 local epoch. */
    public static ModelSpec mlp() {
        return new ModelSpec("mlp", new ArchitectureSpec(List.of(784), List.of(
                LayerSpec.dense(200, "relu"),
                LayerSpec.dense(200, "relu"),
                LayerSpec.output(10))),
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

    /** Looks a built-in up by name ({@code mlp}, {@code lenet}). */
    public static ModelSpec byName(String name) {
        return switch (name) {
            case "mlp" -> mlp();
            case "lenet", "cnn" -> lenet();
            default -> throw new IllegalArgumentException("no built-in model '" + name + "' (mlp, lenet)");
        };
    }
}
