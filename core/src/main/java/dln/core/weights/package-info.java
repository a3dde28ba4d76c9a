/**
 * The weight file: a 48-byte header (magic {@code DLNW}, version, dtype, architecture hash,
 * parameter count) and the float32 vector, streamed both ways and validated on read
 * (docs/formats.md section 2).
 */
package dln.core.weights;
