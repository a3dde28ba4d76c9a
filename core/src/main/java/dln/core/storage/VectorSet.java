package dln.core.storage;

import dln.core.weights.ParameterSource;
import dln.core.weights.WeightFileSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The weight vectors of a set of updates, by key (an update id): either whole arrays in memory
 * or weight files fetched to a folder on disk and read by ranges, for sets whose vectors do not
 * fit the heap together ({@link WeightStore#fetchSet}). Closing it deletes the fetched files.
 * Not thread-safe (a weight file is read through one channel).
 */
public final class VectorSet implements AutoCloseable {

    private final Map<String, float[]> arrays;
    private final Map<String, WeightFileSource> files;
    private final Path folder;
    private final long parameterCount;

    private VectorSet(final Map<String, float[]> arrays, final Map<String, WeightFileSource> files, final Path folder, final long parameterCount) {
        this.arrays = arrays;
        this.files = files;
        this.folder = folder;
        this.parameterCount = parameterCount;
    }

    /** Vectors already in memory (not copied: the caller must not change them meanwhile). */
    public static VectorSet inMemory(final Map<String, float[]> vectors) {
        final long n = vectors.isEmpty() ? 0 : vectors.values().iterator().next().length;
        return new VectorSet(Map.copyOf(vectors), Map.of(), null, n);
    }

    /** Weight files already open, under {@code folder} (deleted with them on close). */
    static VectorSet onDisk(final Map<String, WeightFileSource> files, final Path folder, final long parameterCount) {
        return new VectorSet(Map.of(), Map.copyOf(files), folder, parameterCount);
    }

    /** Whether every vector is a whole array ({@link #array}); otherwise every one is a file read by ranges. */
    public boolean inMemory() {
        return files.isEmpty();
    }

    /** The keys of the set. */
    public Set<String> keys() {
        return inMemory() ? arrays.keySet() : files.keySet();
    }

    /** Parameters of each vector. */
    public long parameterCount() {
        return parameterCount;
    }

    /** The whole vector of {@code key}; IllegalStateException when the set is on disk. */
    public float[] array(final String key) {
        if (!inMemory()) {
            throw new IllegalStateException("the vectors of this set are on disk: read them by ranges");
        }
        return require(arrays.get(key), key);
    }

    /**
     * The whole vector of {@code key}: the array itself in memory, or its file read once (one
     * vector held at a time by a caller that goes through the set).
     */
    public float[] whole(final String key) throws IOException {
        return inMemory() ? array(key) : source(key).readAll();
    }

    /** The vector of {@code key}, read by ranges (from memory or from its file). */
    public ParameterSource source(final String key) {
        return inMemory() ? ParameterSource.of(array(key)) : require(files.get(key), key);
    }

    /** The vectors of {@code keys}, in that order, read by ranges. */
    public List<ParameterSource> sources(final List<String> keys) {
        return keys.stream().map(this::source).toList();
    }

    private static <T> T require(final T v, final String key) {
        if (v == null) {
            throw new IllegalArgumentException("no vector for " + key + " in this set");
        }
        return v;
    }

    /** Closes and deletes the fetched files. */
    @Override
    public void close() {
        IOException failed = null;
        for (WeightFileSource f : files.values()) {
            try {
                f.close();
            } catch (IOException e) {
                failed = e;
            }
        }
        if (folder != null) {
            try (var entries = Files.list(folder)) {
                for (Path p : entries.toList()) {
                    Files.deleteIfExists(p);
                }
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                failed = e;
            }
        }
        if (failed != null) {
            throw new UncheckedIOException("cannot delete the fetched weight files under " + folder, failed);
        }
    }
}
