package dln.session.demo;

import dln.api.LedgerEvents;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.role.CommitteeService;
import dln.core.training.NativeThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The committee members of a session, one {@link CommitteeService} each on its own thread, looking
 * after the models the session publishes: the committee client's loop, hosted in one process.
 */
final class CommitteePool implements AutoCloseable {

    /** Failures kept for the report: the first few say what went wrong. */
    private static final int KEPT_FAILURES = 10;

    private final List<Thread> threads = new ArrayList<>();
    private final Set<String> models = ConcurrentHashMap.newKeySet();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private final LedgerEvents events;
    private volatile boolean running = true;

    CommitteePool(final List<CommitteeWorkflow> members, final LedgerEvents events) {
        this.events = events;
        for (int i = 0; i < members.size(); i++) {
            final CommitteeService service = new CommitteeService(members.get(i), events, CommitteeService.Scope.models(() -> models));
            final Thread t = new Thread(() -> serve(service), "committee-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
    }

    /** The events that wake the members; the session waits on them too. */
    LedgerEvents events() {
        return events;
    }

    void watch(final String modelId) {
        models.add(modelId);
    }

    /**
     * The member's loop, its native ops on one thread: three members share the machine with the
     * providers' training (and one another), and a team of two native threads per member only
     * queued, each op's fork and join waiting for a core. Evaluation is the same bits on any
     * thread count (EvaluatorTest), so the scores do not change.
     */
    private void serve(final CommitteeService service) {
        NativeThreads.singleThreaded(() -> {
            try {
                service.serve(() -> running, Duration.ofSeconds(1), review -> { }, e -> {
                    if (failures.size() < KEPT_FAILURES) {
                        failures.add(e);
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** The first failures the members hit, if any (the session reports them). */
    List<Throwable> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void close() {
        running = false;
        threads.forEach(Thread::interrupt);
    }
}
