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
 * <p>Flatten order: dln holds images as channels x height x width and flattens them in that
 * order; Keras's default channels-last layout flattens height x width x channels, so the rows of
 * the dense layer after a channels-last Flatten are permuted on import. ONNX is channels-first
 * like dln and needs no permutation.
 */
package dln.core.modelimport;
