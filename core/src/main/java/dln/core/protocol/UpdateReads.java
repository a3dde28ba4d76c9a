package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.UpdateView;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Several updates' views read side by side. A round's start needs every parent's view before the
 * aggregate can be computed, and read one after another they cost a peer round trip each on the
 * round's path (4 parents: 0.3-0.5 s of a one-epoch MLP round on the network, measured
 * 2026-12-04); side by side they cost about one.
 */
final class UpdateReads {

    /** At most this many reads at once: a large round's parents do not open a thread each. */
    static final int MAX_CONCURRENT = 8;

    private UpdateReads() {}

    /**
     * The views of {@code ids}, expected to be what federated round {@code round} of {@code modelId}
     * accepted (0: not known): one listing of that round's accepted updates when it holds exactly
     * {@code ids}, else {@link #of}. A listing is one peer round trip and one chaincode call where
     * the reads side by side were one call per update.
     */
    static List<UpdateView> ofRound(final DlnLedger ledger, final String modelId, final int round, final List<String> ids) {
        if (round < 1 || ids.size() <= 1) {
            return of(ledger, ids);
        }
        final java.util.Map<String, UpdateView> listed = new java.util.HashMap<>();
        ledger.listUpdates(modelId, round, dln.api.UpdateStatus.ACCEPTED).forEach(u -> listed.put(u.id(), u));
        if (!listed.keySet().equals(new java.util.HashSet<>(ids))) {
            return of(ledger, ids);
        }
        return ids.stream().map(listed::get).toList();
    }

    /** The views of {@code ids}, in their order; the first failure is rethrown as the ledger threw it. */
    static List<UpdateView> of(final DlnLedger ledger, final List<String> ids) {
        if (ids.size() <= 1) {
            return ids.stream().map(ledger::getUpdate).toList();
        }
        final ExecutorService readers = Executors.newFixedThreadPool(Math.min(MAX_CONCURRENT, ids.size()), r -> {
            final Thread t = new Thread(r, "update-read");
            t.setDaemon(true);
            return t;
        });
        try {
            final List<Future<UpdateView>> reads = new ArrayList<>();
            for (String id : ids) {
                reads.add(readers.submit(() -> ledger.getUpdate(id)));
            }
            final List<UpdateView> out = new ArrayList<>();
            for (Future<UpdateView> f : reads) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading updates " + ids, e);
        } finally {
            readers.shutdownNow();
        }
    }
}
