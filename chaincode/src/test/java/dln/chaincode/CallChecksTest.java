package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.api.Tx;
import dln.chaincode.inprocess.InProcessLedger;
import dln.chaincode.testing.Actors;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.Probe;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import dln.chaincode.testing.World;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What the call checks let through: the roles that may write, queries that write nothing, real client certificates. */
class CallChecksTest {

    /**
     * Valid arguments of every query on a {@link World}, by transaction name; a query missing here
     * fails {@link #everyQueryIsListed}. Listed by name so a query may be listed before its Tx constant exists.
     */
    private static final Map<String, Function<World, String[]>> QUERIES = Map.ofEntries(
            Map.entry(Tx.GET_MODEL_NAME, w -> new String[] {w.fed}),
            Map.entry(Tx.LIST_MODELS_NAME, w -> new String[] {"", "10", ""}),
            Map.entry(Tx.GET_UPDATE_NAME, w -> new String[] {w.c}),
            Map.entry(Tx.LIST_UPDATES_NAME, w -> new String[] {w.listQuery()}),
            Map.entry(Tx.GET_SCORES_NAME, w -> new String[] {w.a}),
            Map.entry(Tx.GET_LINEAGE_NAME, w -> new String[] {w.c, "3"}),
            Map.entry(Tx.GET_CHILDREN_NAME, w -> new String[] {w.fed, "initial", "10", ""}),
            Map.entry(Tx.GET_DAG_NAME, w -> new String[] {w.fed, "10", ""}),
            Map.entry(Tx.LIST_BEST_ACCEPTED_NAME, w -> new String[] {w.fed, "10", ""}),
            Map.entry(Tx.LIST_RECENT_ACCEPTED_NAME, w -> new String[] {w.fed, "10", ""}),
            Map.entry("ListSubmittedBy", w -> new String[] {w.fed, "Org1MSP", w.provider1Id, "10", ""}),
            Map.entry("ListUnscoredBy", w -> new String[] {w.fed, "Org1MSP", w.provider1Id, "10", ""}),
            Map.entry("GetMemberWork", w -> new String[] {w.fed, "Org1MSP", w.provider1Id, "10"}),
            Map.entry("GetProviderWork", w -> new String[] {w.fed, "Org1MSP", w.provider1Id}),
            Map.entry(Tx.GET_ROUND_NAME, w -> new String[] {w.fed, "1"}),
            Map.entry(Tx.GET_SECURE_ROUND_NAME, w -> new String[] {w.secure, "1"}),
            Map.entry(Tx.GET_REPUTATION_NAME, w -> new String[] {"Org1MSP", w.provider1Id}),
            Map.entry(Tx.PROBE_GET_NAME, w -> new String[] {"k"}));

    static Stream<Tx> queries() {
        return Arrays.stream(Tx.values()).filter(t -> !t.submit());
    }

    @Test
    void everyQueryIsListed() {
        queries().forEach(t -> assertTrue(QUERIES.containsKey(t.txName()), t + ": add its valid arguments to CallChecksTest.QUERIES"));
    }

    /**
     * A peer cannot tell an evaluation from a submission, so a query must be harmless when
     * submitted: it succeeds, attempts no write and emits nothing (its stub refuses writes).
     */
    @ParameterizedTest(name = "{0} writes nothing")
    @MethodSource("queries")
    void everyQuerySucceedsAndWritesNothing(final Tx tx) {
        final World w = new World();
        try (Probe probe = Probe.on()) {
            w.chain.ok("outsider", "probe:Put", "k", "v");
            final Map<String, String> before = w.chain.snapshot();
            final Function<World, String[]> args = QUERIES.get(tx.txName());
            assertNotNull(args, tx + ": add its valid arguments to CallChecksTest.QUERIES");
            final Result r = w.chain.call("provider2", tx.qualified(), args.apply(w));
            assertTrue(r.ok(), () -> tx + ": " + r.message());
            assertEquals(0, r.pendingWrites());
            assertNull(r.eventName());
            assertEquals(before, w.chain.snapshot());
        }
    }

    @Test
    void theInProcessTransportEvaluatesQueriesAndRefusesToSubmitThem() {
        final InProcessLedger ledger = new InProcessLedger(Instant::now);
        final var transport = ledger.transport("Org2MSP", Actors.pem("outsider"));
        assertThrows(IllegalArgumentException.class, () -> transport.submit(Tx.LIST_MODELS, "", "10", ""));
        assertTrue(new String(transport.evaluate(Tx.LIST_MODELS, "", "10", "")).contains("\"count\":0"));
    }

    @Test
    void roundParticipantsRecordCloseAndDispute() {
        final World w = new World();
        // round 1 of fed: provider2 (a provider of the round) disputes provider1's record
        assertEquals("AggregateDisputed", w.chain.ok("provider2", "round:DisputeAggregate", w.fed, "1", Specs.cid("mine"), "").eventName());
        // so may a committee member and the publisher
        w.chain.ok("member2", "round:DisputeAggregate", w.fed, "1", Specs.cid("mine"), "");
        w.chain.ok("publisher", "round:DisputeAggregate", w.fed, "1", Specs.cid("mine"), "");
        // a fresh round: a member, or the publisher, may record first
        for (final String who : List.of("member3", "publisher", "provider1")) {
            final String m = w.flow.open(Specs.federated(1));
            w.flow.decide(w.flow.submitOk("provider1", m, Specs.cid("fresh-" + who), List.of("initial"), 1), 0.9);
            assertEquals("AggregateRecorded", w.chain.ok(who, "round:RecordAggregate", m, "1", Specs.cid("agg-" + who), "").eventName());
        }
        // after the deadline, a provider of the round or a member closes it; before, the publisher alone
        w.chain.advance(Duration.ofSeconds(3601));
        assertEquals("deadline", w.chain.ok("provider1", "round:CloseRound", w.fed, "2").object().get("closedBy").getAsString());
        w.chain.advance(Duration.ofSeconds(3601));
        assertEquals("deadline", w.chain.ok("member1", "round:CloseRound", w.fed, "3").object().get("closedBy").getAsString());
        assertEquals("publisher", w.chain.ok("publisher", "round:CloseRound", w.fed, "4").object().get("closedBy").getAsString());
    }

    /** The network's users are cryptogen enrolment certificates (OU=client, keyUsage digitalSignature, CA:FALSE): accepted, and they vote. */
    @Test
    void aCryptogenClientCertificateIsAMemberAndVotes() {
        final World w = new World();
        final JsonObject spec = AbuseTest.withMember("roles/cryptogen-client");
        final String id = w.chain.ok("publisher", "model:PublishModel", spec.toString()).object().get("id").getAsString();
        final JsonObject member = w.chain.ok("outsider", "query:GetModel", id).object().getAsJsonArray("committee").get(2).getAsJsonObject();
        assertTrue(member.getAsJsonObject("identity").get("x509Id").getAsString().contains("OU=client"), member.toString());
        assertEquals("ModelVoteRecorded", w.chain.ok("roles/cryptogen-client", "model:ApproveModel", id).eventName());
    }

    @Test
    void aRoundNumberIsParsedBeforeAnythingIsRead() {
        final World w = new World();
        final Result r = w.chain.call("publisher", "round:CloseRound", "m-0123456789abcdef0123456789abcdef", "x");
        assertEquals(Rule.INVALID_FIELD.name(), r.error());
        assertEquals(0, r.keysRead());
        final Result s = w.chain.call("outsider", "query:GetRound", "m-0123456789abcdef0123456789abcdef", "x");
        assertEquals(Rule.INVALID_FIELD.name(), s.error());
        assertEquals(0, s.keysRead());
    }

    @Test
    void aWrongCallReadsNothing() {
        final World w = new World();
        for (final Result r : List.of(w.chain.call("member1", "score:SubmitScore"),
                w.chain.call("member1", "score:SubmitScore", Flow.scoreJson(w.c, 0.9), "extra"),
                w.chain.call("member1", "model:Nope", w.fed))) {
            assertTrue(!r.ok() && r.keysRead() == 0, r.message());
        }
    }

    /**
     * An unknown contract name is refused by the shim's router before any dln code runs (so with
     * its own unnamed message, "Undefined contract called"); it writes nothing all the same.
     */
    @Test
    void anUnknownContractIsRefusedByTheShimAndWritesNothing() {
        final World w = new World();
        final Map<String, String> before = w.chain.snapshot();
        for (final String fn : List.of("nosuch:GetModel", "org.hyperledger.fabric:PutState")) {
            final Result r = w.chain.call("outsider", fn, w.fed);
            assertTrue(!r.ok() && r.pendingWrites() == 0 && r.eventName() == null, fn + ": " + r.message());
        }
        assertEquals(before, w.chain.snapshot());
    }
}
