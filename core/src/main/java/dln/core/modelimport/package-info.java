/**
 * Importing a model a user already has: a Keras HDF5 file (read with DL4J's
 * {@code deeplearning4j-modelimport} HDF5 archive) or an ONNX file (read with the ONNX protobuf
 * classes nd4j-api ships) becomes dln's {@link dln.core.model.ArchitectureSpec} and a weight
 * vector in the ONE flat parameter order of {@link dln.core.model.ArchitecturePlan}.
 *
 * <p>Each format has a table from its layer (Keras class name) or operator (ONNX op type) to what
 * it becomes in dln ({@code KerasLayers}, {@code OnnxLayers}):
 * a layer dln gains is one entry there. Layers and operators not in the table, or used with
 * settings dln cannot reproduce, are refused with one line naming the first such layer
 * ({@link dln.core.modelimport.UnsupportedModelException}); nothing is silently approximated.
 *
 * <p>Both readers follow the source's graph: each layer takes the previous layer's output, and
 * an add may take an earlier one (a skip connection), which becomes dln's {@code add} layer's
 * {@code from}. The last dense layer is the head: softmax, sigmoid on one unit, or none
 * (regression). Batch norm's running statistics are imported with its scale and shift.
 *
 * <p>Flatten order: dln holds images as channels x height x width and flattens them in that
 * order; Keras's default channels-last layout flattens height x width x channels, so what reads
 * the flat vector by position after a channels-last Flatten (the next dense layer's rows, a batch
 * norm's vectors) is permuted on import. ONNX is channels-first like dln and needs no
 * permutation.
 */
package dln.core.modelimport;
