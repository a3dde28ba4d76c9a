package dln.session.demo;

import dln.core.data.DataCache;
import dln.core.data.Dataset;
import dln.core.data.NamedDatasets;
import dln.core.data.Partitions;
import dln.core.data.Preprocessing;
import java.io.IOException;
import java.util.List;

/**
 * The session's data: the named dataset (MNIST by default) split (seeded) into the providers'
 * private training partitions (Dirichlet label skew), the publisher's validation set and a
 * held-out test set; a tabular dataset's normalisation is fitted on the training split alone
 * ({@code preprocessing}, which the published model's training recipe carries; null for MNIST).
 */
public record SessionData(List<Dataset> partitions, Dataset union, Dataset validation, Dataset test, Preprocessing preprocessing) {

    /** Data that is features already (no preprocessing in the recipe). */
    public SessionData(final List<Dataset> partitions, final Dataset union, final Dataset validation, final Dataset test) {
        this(partitions, union, validation, test, null);
    }

    /** @throws IOException when the data is missing from the cache and cannot be fetched (run ./dln setup) */
    public static SessionData load(final SessionConfig c) throws IOException {
        final NamedDatasets.Loaded data = NamedDatasets.load(c.dataset(), DataCache.fromEnvironment(), c.seed());
        final List<Dataset> parts = Partitions.apply(data.split().train(), Partitions.parse(c.partition()), c.providers(), c.seed());
        return new SessionData(parts, data.split().train(), data.split().validation(), data.split().test(), data.preprocessing().orElse(null));
    }
}
