/**
 * The weight file: a 48-byte header (magic {@code DLNW}, version, dtype, architecture hash,
 * parameter count) and the float32 vector, streamed both ways and validated on read
 * (docs/formats.md section 2). Files larger than the heap are written chunk by chunk
 * ({@link dln.core.weights.WeightFileWriter}) and read by ranges
 * ({@link dln.core.weights.WeightFileSource}); offsets are 64-bit.
 */
package dln.core.weights;
