package dln.core.modelimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Reads a model file into dln's spec and weights: {@code .h5}/{@code .hdf5} as Keras HDF5,
 * {@code .onnx} as ONNX (package docs: what maps, and the flatten order).
 */
public final class ModelImport {
    private ModelImport() {
    }

    /**
     * The model in {@code file}.
     *
     * @throws UnsupportedModelException naming the first layer dln cannot take, or why the file is not a model
     * @throws NoSuchFileException       when there is no such file
     */
    public static ImportedModel read(final Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such model file");
        }
        final String shown = file.getFileName().toString();
        final String name = shown.toLowerCase(Locale.ROOT);
        if (name.endsWith(".onnx")) {
            return OnnxModelReader.read(file, shown);
        }
        if (name.endsWith(".h5") || name.endsWith(".hdf5")) {
            return KerasModelReader.read(file, shown);
        }
        if (name.endsWith(".keras") || zip(file)) {
            throw new UnsupportedModelException(shown + ": a Keras 3 .keras archive; save the model as HDF5 (model.save(\"model.h5\")) to import it");
        }
        throw new UnsupportedModelException(shown + ": unknown model format; give a Keras HDF5 (.h5) or an ONNX (.onnx) file");
    }

    private static boolean zip(final Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == 'P' && in.read() == 'K';
        }
    }
}
