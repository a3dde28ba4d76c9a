package dln.core.modelimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import onnx.Onnx;

/**
 * Reads an ONNX model with the ONNX protobuf classes nd4j-api ships ({@code onnx.Onnx}): the
 * graph's input shape, its constant tensors and its nodes, in the graph's (topological) order:
 * each node takes the previous node's output, and an {@code Add} may also take an earlier one (a
 * skip connection; {@link SourceOutputs}). Each node goes through {@link OnnxLayers}.
 *
 * <p>ND4J's own ONNX import ({@code samediff-import-onnx} 1.0.0-M2.1) is served and imports the
 * fixtures, but into a SameDiff graph of ops, not layers (a Conv becomes pad, permute, split,
 * conv2d, concat and add; a Gemm a matmul), which would have to be pattern-matched back into
 * layers; and it brings 104 jars (549 MB: Kotlin, the ONNX runtime, TensorFlow and CPython
 * natives, javacpp 1.5.6 against dln's 1.5.7).
 */
final class OnnxModelReader {
    static final String FORMAT = "ONNX";

    private OnnxModelReader() {
    }

    static ImportedModel read(final Path file, final String shown) throws IOException {
        final SpecAssembler into = new SpecAssembler(shown);
        final Onnx.ModelProto model;
        try (InputStream in = Files.newInputStream(file)) {
            model = Onnx.ModelProto.parseFrom(in);
        } catch (org.nd4j.shade.protobuf.InvalidProtocolBufferException e) {
            throw into.refuseFile("not an ONNX model (" + e.getMessage() + ")");
        }
        final Onnx.GraphProto graph = model.getGraph();
        final Map<String, Onnx.TensorProto> constants = new HashMap<>();
        graph.getInitializerList().forEach(t -> constants.put(t.getName(), t));
        final List<Onnx.ValueInfoProto> inputs = graph.getInputList().stream().filter(i -> !constants.containsKey(i.getName())).toList();
        if (inputs.size() != 1) {
            throw into.refuseFile("has " + inputs.size() + " inputs; dln imports models with one input");
        }
        into.input(shape(inputs.get(0), into));
        final SourceOutputs outputs = new SourceOutputs(into, inputs.get(0).getName());
        int index = 0;
        for (final Onnx.NodeProto node : graph.getNodeList()) {
            if ("Constant".equals(node.getOpType())) {
                node.getAttributeList().stream().filter(a -> a.getName().equals("value")).findFirst()
                        .ifPresent(a -> constants.put(node.getOutput(0), a.getT().toBuilder().setName(node.getOutput(0)).build()));
                continue;
            }
            into.at(index++, node.getName().isEmpty() ? node.getOutput(0) : node.getName(), node.getOpType());
            final LayerMapping<OnnxNode> mapping = OnnxLayers.of(node.getOpType());
            if (mapping == null) {
                throw into.unsupported(OnnxLayers.supported());
            }
            // The tensors it reads; its weights and other constant inputs are not part of the graph's flow.
            final List<String> reads = node.getInputList().stream().filter(i -> !i.isEmpty() && !constants.containsKey(i)).toList();
            final Integer from = outputs.from(reads, "Add".equals(node.getOpType()) && reads.size() == 2);
            mapping.map(new OnnxNode(node, constants, from), into);
            outputs.produced(node.getOutput(0));
        }
        return into.build(FORMAT);
    }

    /** The input's shape per example (the first dimension is the batch). */
    private static List<Integer> shape(final Onnx.ValueInfoProto input, final SpecAssembler into) {
        final List<Integer> shape = new ArrayList<>();
        final List<Onnx.TensorShapeProto.Dimension> dims = input.getType().getTensorType().getShape().getDimList();
        for (int i = 1; i < dims.size(); i++) {
            if (!dims.get(i).hasDimValue()) {
                throw into.refuseFile("input '" + input.getName() + "' has an open dimension " + i + "; dln needs a fixed shape");
            }
            shape.add(Math.toIntExact(dims.get(i).getDimValue()));
        }
        return shape;
    }
}
