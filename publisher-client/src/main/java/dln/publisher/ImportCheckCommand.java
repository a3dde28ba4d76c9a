package dln.publisher;

import dln.core.model.ArchitecturePlan;
import dln.core.model.Head;
import dln.core.model.LayerPlan;
import dln.core.model.LayerSpec;
import dln.core.model.SpecJson;
import dln.core.modelimport.ImportedModel;
import dln.core.modelimport.ModelImport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "import-check", mixinStandardHelpOptions = true,
        description = "Offline: read a Keras HDF5 (.h5) or ONNX (.onnx) model and print the dln layers it maps to and its parameter count, "
                + "or the one line naming the first layer dln cannot take (exit code 1). Publish it with publish --import FILE.",
        footer = {"", "Example:", "  ./dln publisher import-check model.h5",
                "  ./dln publisher publish --import model.onnx --validation data.csv --committee org1/User2,org2/User2,org3/User2"})
final class ImportCheckCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "the model file")
    Path file;

    @Override
    public Integer call() throws Exception {
        final ImportedModel m = ModelImport.read(file);
        final ArchitecturePlan plan = m.plan();
        System.out.printf("%s: input %s, %s%n", m.source(), m.architecture().input(), head(plan.head()));
        for (final LayerPlan l : plan.layers()) {
            final long params = plan.params().stream().filter(p -> p.layer() == l.index()).mapToLong(dln.core.model.ParamSpec::length).sum();
            System.out.printf("  %2d %-44s %-12s -> %-12s %,10d%n", l.index(), describe(l.spec()), l.inShape(), l.outShape(), params);
        }
        System.out.printf("parameters: %,d (architecture %s)%n", plan.parameterCount(), plan.hash().substring(0, 12));
        System.out.println(SpecJson.canonical(m.architecture()));
        return 0;
    }

    private static String head(final Head h) {
        return switch (h.kind()) {
            case SOFTMAX -> h.units() + " classes";
            case SIGMOID -> "binary (sigmoid, threshold " + h.threshold() + ")";
            case REGRESSION -> "regression, " + h.units() + (h.units() == 1 ? " output" : " outputs");
        };
    }

    private static String describe(final LayerSpec l) {
        final String padding = "same".equals(l.padding()) ? " same" : "";
        return switch (l.type()) {
            case "dense" -> "dense " + l.units() + " " + l.activation();
            case "conv2d" -> "conv2d " + l.filters() + " " + l.kernel() + "x" + l.kernel() + " stride " + l.stride() + padding + " " + l.activation();
            case "maxpool", "avgpool" -> l.type() + " " + l.kernel() + "x" + l.kernel() + " stride " + l.stride() + padding;
            case "batchnorm" -> "batchnorm momentum " + (l.momentum() == null ? LayerSpec.DEFAULT_MOMENTUM : l.momentum())
                    + " epsilon " + (l.epsilon() == null ? LayerSpec.DEFAULT_EPSILON : l.epsilon()) + activation(l);
            case "dropout" -> "dropout " + l.rate();
            case "add" -> "add layer " + l.from() + activation(l);
            case "reshape" -> "reshape " + l.shape();
            case "embedding" -> "embedding columns " + l.columns() + " x " + l.units();
            case "output" -> "output " + l.units() + " " + l.activation() + " " + l.loss()
                    + ("sigmoid".equals(l.activation()) ? " threshold " + (l.threshold() == null ? LayerSpec.DEFAULT_THRESHOLD : l.threshold()) : "");
            default -> l.type();
        };
    }

    /** A batch norm's or an add's activation, when it has one. */
    private static String activation(final LayerSpec l) {
        return l.activation() == null || "identity".equals(l.activation()) ? "" : " " + l.activation();
    }
}
