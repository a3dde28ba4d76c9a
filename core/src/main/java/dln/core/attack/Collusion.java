package dln.core.attack;

import dln.api.view.LedgerIdentity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The side channel of one session's attackers: each posts a vector under a topic, and reads what
 * the team has posted. Providers of a federated round run on threads of their own, so a reader
 * may wait for its team; gossip steps run one after another, so there a reader takes what is
 * there (a barrier would deadlock). Waits are bounded: a member that never comes (crashed, or
 * already contributed) delays the others, never stops them.
 */
public final class Collusion {

    /**
     * Where a vector is posted.
     *
     * @param channel what the vectors are ("estimate", "leader")
     * @param modelId the model
     * @param round the federated round, 0 in gossip (one topic: each member's latest vector)
     */
    public record Topic(String channel, String modelId, int round) {}

    private final Lock lock = new ReentrantLock();
    private final Condition posted = lock.newCondition();
    private final Map<Topic, SortedMap<Integer, float[]>> board = new HashMap<>();
    private final Set<LedgerIdentity> enlisted = new HashSet<>();

    /** Makes a member's ledger identity known to the team, so ledger readers can leave the team's own updates out. */
    public void enlist(final LedgerIdentity who) {
        lock.lock();
        try {
            enlisted.add(who);
        } finally {
            lock.unlock();
        }
    }

    /** The team's identities known so far. */
    public Set<LedgerIdentity> enlisted() {
        lock.lock();
        try {
            return Set.copyOf(enlisted);
        } finally {
            lock.unlock();
        }
    }

    /** Posts {@code member}'s vector, replacing its earlier one on the topic, and wakes the readers. */
    public void post(final Topic topic, final int member, final float[] vector) {
        lock.lock();
        try {
            // Rounds before the previous one are read by nobody any more: keep memory flat over a session.
            board.keySet().removeIf(t -> t.channel().equals(topic.channel()) && t.modelId().equals(topic.modelId())
                    && t.round() < topic.round() - 1);
            board.computeIfAbsent(topic, t -> new TreeMap<>()).put(member, vector.clone());
            posted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The vectors posted on the topic, in member order (so every member sees the same list when
     * all have posted), once at least {@code needed} are there or {@code patience} has passed.
     * Zero patience never waits.
     */
    public List<float[]> gather(final Topic topic, final int needed, final Duration patience) {
        final long deadline = System.nanoTime() + patience.toNanos();
        lock.lock();
        try {
            while (count(topic) < needed) {
                final long left = deadline - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    posted.await(left, TimeUnit.NANOSECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            final List<float[]> out = new ArrayList<>();
            board.getOrDefault(topic, new TreeMap<>()).values().forEach(v -> out.add(v.clone()));
            return out;
        } finally {
            lock.unlock();
        }
    }

    private int count(final Topic topic) {
        final SortedMap<Integer, float[]> posts = board.get(topic);
        return posts == null ? 0 : posts.size();
    }
}
