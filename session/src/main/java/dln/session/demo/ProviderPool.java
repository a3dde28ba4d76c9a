package dln.session.demo;

import dln.core.role.ProviderService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs one step of every provider at once, as providers on machines of their own would; the
 * providers share one training turn (see dln.core.protocol.ProviderWorkflow), so only their ledger and
 * IPFS work runs side by side.
 */
final class ProviderPool implements AutoCloseable {

    private final ExecutorService threads;

    ProviderPool(final int providers) {
        this.threads = Executors.newFixedThreadPool(Math.max(1, providers), r -> {
            final Thread t = new Thread(r, "provider");
            t.setDaemon(true);
            return t;
        });
    }

    /** Each provider's result of {@code step}, in provider order; the first failure is rethrown once all are done. */
    <T> List<T> each(final List<ProviderService> providers, final Step<T> step) {
        final List<Future<T>> running = new ArrayList<>();
        for (ProviderService p : providers) {
            running.add(threads.submit(() -> step.apply(p)));
        }
        final List<T> results = new ArrayList<>();
        RuntimeException failure = null;
        for (Future<T> f : running) {
            try {
                results.add(f.get());
            } catch (ExecutionException e) {
                final RuntimeException r = e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
                failure = failure == null ? r : failure;
                results.add(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while providers were training", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return results;
    }

    /** A provider's step, which may wait for the ledger. */
    @FunctionalInterface
    interface Step<T> {
        T apply(ProviderService p) throws InterruptedException;
    }

    /** Runs a waiting call on this thread, turning an interruption into an unchecked failure. */
    static <T> T interruptibly(final java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while providers were training", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
