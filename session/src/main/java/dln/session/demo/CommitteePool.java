package dln.session.demo;

import dln.core.ledger.LedgerWatch;
import dln.core.protocol.CommitteeWorkflow;
import java.time.Duration;
import dln.core.protocol.UpdateReview;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The committee members of a session, each on its own thread, reviewing proposed models and
 * scoring pending updates of the watched models as they appear: the same work the committee
 * client's `serve` does, woken by the chaincode's events so one process can host all members.
 */
final class CommitteePool implements AutoCloseable {

    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final List<UpdateReview> reviews = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final LedgerWatch watch;
    private volatile boolean running = true;

    CommitteePool(final List<CommitteeWorkflow> members, final LedgerWatch watch) {
        this.watch = watch;
        for (int i = 0; i < members.size(); i++) {
            final CommitteeWorkflow m = members.get(i);
            final Thread t = new Thread(() -> loop(m), "committee-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** The event stream that wakes the members; the session waits on it too. */
    LedgerWatch watch() {
        return watch;
    }

    void watch(final String modelId) {
        models.add(modelId);
    }

    List<UpdateReview> reviews() {
        return List.copyOf(reviews);
    }

    private void loop(final CommitteeWorkflow m) {
        while (running) {
            try {
                final long seen = watch.generation();
                for (String id : models) {
                    m.reviewModel(m.participant().ledger().getModel(id));
                    reviews.addAll(m.scorePending(id));
                }
                watch.awaitAfter(seen, Duration.ofSeconds(1));
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                failures.add(e);
                try {
                    Thread.sleep(500);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** The first failure a member hit, if any (the session reports it). */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
