package dln.core.storage;

import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.ChunkedAggregation;
import dln.core.weights.ParameterSource;
import dln.core.weights.WeightFileSource;
import dln.core.weights.WeightFileWriter;
import dln.ipfs.cid.CidOutputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Aggregates updates stored by CID without ever holding them in memory, for models whose updates
 * do not fit the heap together: each update is fetched (verified) to a weight file under a work
 * folder, {@link ChunkedAggregation} runs the rule over them chunk by chunk, and the aggregate is
 * written to a weight file whose CID is computed while it is written. The fetched files are
 * deleted afterwards; the aggregate's file is the caller's.
 */
public final class StoredAggregation {

    /**
     * One update as the ledger names it.
     *
     * @param updateId its ledger id (fixes the canonical order)
     * @param cid      its weight file
     * @param samples  its weight, &gt; 0
     */
    public record StoredUpdate(String updateId, String cid, long samples) {}

    /**
     * The aggregate on disk.
     *
     * @param file its weight file
     * @param cid  the CID {@link WeightStore#putWeightsFile} gives it
     */
    public record Aggregate(Path file, String cid) {}

    private final WeightStore store;
    private final Path work;

    /** Aggregates what {@code store} holds, with fetched files under {@code work} (created if missing). */
    public StoredAggregation(final WeightStore store, final Path work) {
        this.store = store;
        this.work = work;
    }

    /**
     * The rule over {@code updates}, written to {@code target}.
     *
     * @param reference the vector the updates started from (an array or a weight file), or null
     *                  when the rule needs none
     * @throws IllegalArgumentException as {@link ChunkedAggregation#aggregate}
     * @throws dln.core.weights.WeightFormatException if an update is not a weight file of this architecture
     */
    public Aggregate aggregate(final AggregationRule rule, final List<StoredUpdate> updates, final ParameterSource reference,
                               final String architectureHash, final long parameterCount, final Path target) throws IOException {
        Files.createDirectories(work);
        final List<WeightFileSource> sources = new ArrayList<>();
        final List<Path> fetched = new ArrayList<>();
        try {
            final List<ChunkedAggregation.SourcedUpdate> inputs = new ArrayList<>();
            for (StoredUpdate u : updates) {
                final Path f = Files.createTempFile(work, "update-", ".dlnw");
                fetched.add(f);
                final WeightFileSource s = store.fetchWeightsFile(u.cid(), architectureHash, parameterCount, f);
                sources.add(s);
                inputs.add(new ChunkedAggregation.SourcedUpdate(u.updateId(), s, u.samples()));
            }
            final CidOutputStream cid = new CidOutputStream();
            try (OutputStream both = cid.alongside(new BufferedOutputStream(Files.newOutputStream(target), 1 << 16))) {
                final WeightFileWriter writer = new WeightFileWriter(both, architectureHash, parameterCount);
                new ChunkedAggregation(rule).aggregate(inputs, reference, writer);
                writer.finish();
            }
            return new Aggregate(target, cid.cid().toString());
        } finally {
            for (WeightFileSource s : sources) {
                s.close();
            }
            for (Path f : fetched) {
                Files.deleteIfExists(f);
            }
        }
    }
}
