package dln.core.ledger;

import dln.api.LedgerEvents;
import dln.api.LedgerException;
import dln.api.LedgerFailure;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.api.view.LedgerIdentity;
import dln.ipfs.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * One identity's ledger calls under the retry policy, riding through outages: a call that lost a
 * read conflict (or met peers at different heights) is proposed again, and a call whose peer is
 * unreachable moves on to the next organisation's peer, its own first. Past the policy's deadline
 * it fails with NETWORK_NOT_RUNNING naming the peers tried. Proposing again is safe because the
 * chaincode re-checks every rule: a call that did commit before its answer was lost is refused as
 * a duplicate, never applied twice.
 */
public final class FailoverTransport implements LedgerTransport {

    private final List<ConnectionProfile.Endpoint> peers;
    private final Function<ConnectionProfile.Endpoint, LedgerTransport> connect;
    private final RetryPolicy policy;
    private final Pause pause;
    private final LedgerTransport[] clients;
    /** Calls proposed again after a lost read conflict, by transaction. */
    private final Map<Tx, Long> proposedAgain = new EnumMap<>(Tx.class);
    private int current;

    /**
     * @param peers the peers to use, in order of preference
     * @param connect opens a connection as this identity through one peer (lazily, on first need)
     */
    public FailoverTransport(final List<ConnectionProfile.Endpoint> peers, final Function<ConnectionProfile.Endpoint, LedgerTransport> connect,
            final RetryPolicy policy) {
        this(peers, connect, policy, d -> Thread.sleep(d.toMillis()));
    }

    /** As the public constructor, pausing between attempts with {@code pause} (a test records the pauses instead of sleeping). */
    FailoverTransport(final List<ConnectionProfile.Endpoint> peers, final Function<ConnectionProfile.Endpoint, LedgerTransport> connect,
            final RetryPolicy policy, final Pause pause) {
        if (peers.isEmpty()) {
            throw new IllegalArgumentException("name at least one peer");
        }
        this.peers = List.copyOf(peers);
        this.connect = connect;
        this.policy = policy;
        this.pause = pause;
        this.clients = new LedgerTransport[peers.size()];
    }

    /** {@code identity}'s ledger through its organisation's peer, then the other organisations' in profile order. */
    public static FailoverTransport of(final ConnectionProfile profile, final String identity, final RetryPolicy policy) {
        final ConnectionProfile.Endpoint own = profile.resolve(identity).organization().peer();
        final List<ConnectionProfile.Endpoint> peers = new ArrayList<>();
        peers.add(own);
        profile.organizations().values().stream().map(ConnectionProfile.Organization::peer).filter(p -> !p.equals(own)).forEach(peers::add);
        final FailoverTransport t = new FailoverTransport(peers, peer -> LedgerClient.connect(profile, identity, peer), policy);
        t.client(0); // a key that does not match its certificate is refused here, before anything is sent
        return t;
    }

    /** {@code identity}'s ledger through its organisation's peer alone: retried, never moved elsewhere. */
    public static FailoverTransport ownPeer(final ConnectionProfile profile, final String identity, final RetryPolicy policy) {
        final FailoverTransport t = new FailoverTransport(List.of(profile.resolve(identity).organization().peer()),
                peer -> LedgerClient.connect(profile, identity, peer), policy);
        t.client(0);
        return t;
    }

    @Override
    public byte[] submit(final Tx tx, final String... args) {
        return call(tx, t -> t.submit(tx, args));
    }

    @Override
    public byte[] evaluate(final Tx tx, final String... args) {
        return call(tx, t -> t.evaluate(tx, args));
    }

    private byte[] call(final Tx tx, final Function<LedgerTransport, byte[]> attempt) {
        final long start = System.nanoTime();
        final List<String> tried = new ArrayList<>();
        int conflicts = 0;
        for (int failed = 0; ; ) {
            final int index = index();
            try {
                return attempt.apply(client(index));
            } catch (LedgerException e) {
                final boolean unreachable = e.is(LedgerFailure.NETWORK_NOT_RUNNING) || e.is(LedgerFailure.LEDGER_UNAVAILABLE);
                if (!unreachable && !e.isTransient()) {
                    throw e;
                }
                failed++;
                if (unreachable) {
                    tried.add(peers.get(index).name());
                    moveOn(index);
                }
                // A call's first lost read conflict means the transaction that won is committed:
                // proposed again at once, the call reads its writes. The outage backoff (50-60 ms)
                // only delayed the committee's second score batch of a round, which meets the first
                // in one block in most rounds (docs/performance.md, 2026-12-04 evening). Conflicts
                // after that wait as outages do, so an invalidation that keeps coming is not hammered.
                conflicts += e.is(LedgerFailure.TX_INVALIDATED) ? 1 : 0;
                final Duration wait = e.is(LedgerFailure.TX_INVALIDATED) && conflicts == 1 ? Duration.ZERO : policy.backoff(failed);
                if (!policy.allowsAnother(failed, start, wait)) {
                    if (!unreachable) {
                        throw e;
                    }
                    throw new LedgerException(LedgerFailure.NETWORK_NOT_RUNNING, String.format(Locale.ROOT,
                            "%s: no peer answered for %.0f s (tried %s); is the network running? network/network.sh status",
                            tx.qualified(), (System.nanoTime() - start) / 1e9, String.join(", ", tried.stream().distinct().toList())), e);
                }
                if (e.is(LedgerFailure.TX_INVALIDATED)) {
                    countProposedAgain(tx);
                }
                if (!wait.isZero()) {
                    try {
                        pause.sleep(wait);
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw e;
                    }
                }
            }
        }
    }

    private synchronized void countProposedAgain(final Tx tx) {
        proposedAgain.merge(tx, 1L, Long::sum);
    }

    /**
     * How many times each transaction was proposed again because a conflicting one committed first
     * (its reads invalidated at validation): each is an endorsement, a place in a block and a
     * validation spent on nothing, and a block more before the call's answer.
     */
    public synchronized Map<Tx, Long> proposedAgain() {
        return new EnumMap<>(proposedAgain);
    }

    private synchronized int index() {
        return current;
    }

    /** The next peer, unless another thread moved on from {@code failedIndex} already. */
    private synchronized void moveOn(final int failedIndex) {
        if (current == failedIndex) {
            current = (current + 1) % peers.size();
        }
    }

    private synchronized LedgerTransport client(final int index) {
        if (clients[index] == null) {
            clients[index] = connect.apply(peers.get(index));
        }
        return clients[index];
    }

    /** How the transport waits between attempts. */
    @FunctionalInterface
    interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    @Override
    public LedgerIdentity identity() {
        return client(0).identity();
    }

    /** The events of the identity's own peer: its watch reconnects by itself when the peer is back, and waiters re-check meanwhile. */
    @Override
    public LedgerEvents events() {
        return client(0).events();
    }

    @Override
    public synchronized void close() {
        for (LedgerTransport c : clients) {
            if (c != null) {
                c.close();
            }
        }
    }
}
