package dln.session.demo;

import dln.core.role.ProviderService;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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

    /**
     * Each provider's result of {@code step}, in provider order. Once all are done, the failure that
     * came first in time is rethrown, the later ones attached as suppressed: when one provider
     * fails, the others often fail after it because of it (a secure round stalls without it), and
     * the first is the cause.
     */
    <T> List<T> each(final List<ProviderService> providers, final Step<T> step) {
        final ExecutorCompletionService<Integer> done = new ExecutorCompletionService<>(threads);
        final List<T> results = new ArrayList<>(java.util.Collections.nCopies(providers.size(), null));
        for (int i = 0; i < providers.size(); i++) {
            final int at = i;
            done.submit(() -> {
                final T r = step.apply(providers.get(at));
                synchronized (results) {
                    results.set(at, r);
                }
                return at;
            });
        }
        RuntimeException failure = null;
        for (int i = 0; i < providers.size(); i++) {
            try {
                done.take().get();
            } catch (ExecutionException e) {
                final RuntimeException r = cause(e);
                if (failure == null) {
                    failure = r;
                } else {
                    failure.addSuppressed(r);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while providers were training", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        synchronized (results) {
            return new ArrayList<>(results);
        }
    }

    /** What a provider's step threw, unchecked as it was thrown (a checked one wrapped). */
    static RuntimeException cause(final ExecutionException e) {
        return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
    }

    /** Starts {@code step} for every provider at once, without waiting: their futures, in provider order. */
    <T> List<java.util.concurrent.Future<T>> start(final List<ProviderService> providers, final Step<T> step) {
        final List<java.util.concurrent.Future<T>> running = new ArrayList<>();
        for (final ProviderService p : providers) {
            running.add(threads.submit(() -> step.apply(p)));
        }
        return running;
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
