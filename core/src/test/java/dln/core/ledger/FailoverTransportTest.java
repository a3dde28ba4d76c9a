package dln.core.ledger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.LedgerEvents;
import dln.api.LedgerException;
import dln.api.LedgerFailure;
import dln.api.LedgerTransport;
import dln.api.Rule;
import dln.api.Tx;
import dln.api.view.LedgerIdentity;
import dln.ipfs.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Retries and failover decided per failure, against scripted peers (the real peers are in NetworkRecoveryIT). */
class FailoverTransportTest {

    private static final RetryPolicy FAST = new RetryPolicy(Integer.MAX_VALUE, Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(300));
    private static final byte[] OK = {1};

    private final List<String> calls = new ArrayList<>();

    private FailoverTransport over(final Map<String, Supplier<byte[]>> peers) {
        final List<ConnectionProfile.Endpoint> endpoints = peers.keySet().stream().sorted()
                .map(n -> new ConnectionProfile.Endpoint(n, n + ":7051", "ca.pem")).toList();
        return new FailoverTransport(endpoints, e -> new Scripted(e.name(), peers.get(e.name()), calls), FAST);
    }

    @Test
    void anUnreachablePeerIsLeftForTheNextOrganisations() {
        final FailoverTransport t = over(Map.of("a-peer0.org1", () -> {
            throw new LedgerException(LedgerFailure.NETWORK_NOT_RUNNING, "down");
        }, "b-peer0.org2", () -> OK));
        assertArrayEquals(OK, t.submit(Tx.SUBMIT_SCORE, "{}"));
        assertArrayEquals(OK, t.evaluate(Tx.GET_MODEL, "m"));
        assertEquals(List.of("a-peer0.org1", "b-peer0.org2", "b-peer0.org2"), calls, "it stays on the peer that answered");
    }

    @Test
    void aLostReadConflictIsProposedAgainOnTheSamePeer() {
        final int[] n = {0};
        final FailoverTransport t = over(Map.of("a", () -> {
            if (n[0]++ < 2) {
                throw new LedgerException(LedgerFailure.TX_INVALIDATED, "conflict");
            }
            return OK;
        }, "b", () -> OK));
        assertArrayEquals(OK, t.submit(Tx.SUBMIT_UPDATE, "{}"));
        assertEquals(List.of("a", "a", "a"), calls);
        assertEquals(Map.of(Tx.SUBMIT_UPDATE, 2L), t.proposedAgain(), "each conflict counted against its transaction");
        assertArrayEquals(OK, t.evaluate(Tx.GET_MODEL, "m"));
        assertEquals(Map.of(Tx.SUBMIT_UPDATE, 2L), t.proposedAgain(), "a call that went through counts nothing");
    }

    @Test
    void aCallsFirstLostReadConflictIsProposedAgainAtOnceLaterOnesWait() {
        final List<Duration> pauses = new ArrayList<>();
        final int[] n = {0};
        final List<ConnectionProfile.Endpoint> one = List.of(new ConnectionProfile.Endpoint("a", "a:7051", "ca.pem"));
        final FailoverTransport t = new FailoverTransport(one, e -> new Scripted(e.name(), () -> {
            if (n[0]++ < 2) {
                throw new LedgerException(LedgerFailure.TX_INVALIDATED, "conflict");
            }
            return OK;
        }, calls), FAST, pauses::add);
        assertArrayEquals(OK, t.submit(Tx.SUBMIT_SCORES, "[]"));
        assertEquals(List.of("a", "a", "a"), calls);
        assertEquals(1, pauses.size(), "the first conflict was proposed again at once, the second waited: " + pauses);
        assertTrue(pauses.get(0).compareTo(Duration.ZERO) > 0);

        pauses.clear();
        n[0] = 1; // a second call: its first conflict is proposed again at once too
        assertArrayEquals(OK, t.submit(Tx.SUBMIT_SCORES, "[]"));
        assertEquals(List.of(), pauses);
    }

    @Test
    void anOutageWaitsBeforeTheNextAttempt() {
        final List<Duration> pauses = new ArrayList<>();
        final int[] n = {0};
        final List<ConnectionProfile.Endpoint> one = List.of(new ConnectionProfile.Endpoint("a", "a:7051", "ca.pem"));
        final FailoverTransport t = new FailoverTransport(one, e -> new Scripted(e.name(), () -> {
            if (n[0]++ < 1) {
                throw new LedgerException(LedgerFailure.ENDORSERS_UNAVAILABLE, "restarting");
            }
            return OK;
        }, calls), FAST, pauses::add);
        assertArrayEquals(OK, t.submit(Tx.SUBMIT_UPDATE, "{}"));
        assertEquals(1, pauses.size());
        assertTrue(pauses.get(0).compareTo(Duration.ZERO) > 0);
        assertEquals(Map.of(), t.proposedAgain(), "an outage is no conflict");
    }

    @Test
    void aRefusalIsNeverRepeated() {
        final FailoverTransport t = over(Map.of("a", () -> {
            throw new LedgerException(Rule.DUPLICATE_SCORE, "once each");
        }, "b", () -> OK));
        assertTrue(assertThrows(LedgerException.class, () -> t.submit(Tx.SUBMIT_SCORE, "{}")).is(Rule.DUPLICATE_SCORE));
        assertEquals(List.of("a"), calls);
    }

    @Test
    void pastTheDeadlineItNamesThePeersTried() {
        final Supplier<byte[]> down = () -> {
            throw new LedgerException(LedgerFailure.NETWORK_NOT_RUNNING, "down");
        };
        final FailoverTransport t = over(Map.of("a", down, "b", down));
        final LedgerException e = assertThrows(LedgerException.class, () -> t.evaluate(Tx.GET_MODEL, "m"));
        assertTrue(e.is(LedgerFailure.NETWORK_NOT_RUNNING));
        assertTrue(e.getMessage().contains("tried a, b"), e.getMessage());
        assertTrue(calls.size() > 2, "it kept trying until the deadline: " + calls.size());
    }

    private record Scripted(String name, Supplier<byte[]> answer, List<String> calls) implements LedgerTransport {
        @Override
        public byte[] submit(final Tx tx, final String... args) {
            calls.add(name);
            return answer.get();
        }

        @Override
        public byte[] evaluate(final Tx tx, final String... args) {
            return submit(tx, args);
        }

        @Override
        public LedgerIdentity identity() {
            return new LedgerIdentity("Org1MSP", "x509::CN=a::CN=ca");
        }

        @Override
        public LedgerEvents events() {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    }
}
