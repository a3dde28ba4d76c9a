package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.api.Rule;
import dln.chaincode.abuse.AbuseCase;
import dln.chaincode.abuse.CallCases;
import dln.chaincode.testing.Actors;
import dln.chaincode.testing.Chain;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import dln.chaincode.testing.World;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The in-process abuse suite: bad arguments for every transaction, every role impersonating
 * the others for every write, replays, and certificates that are not a member's client identity.
 * Each case runs on a fresh {@link World} and must fail with exactly its rule, attempt no write
 * and no event, and leave the world state byte-for-byte unchanged. The argument-count, encoding
 * and size cases are generated from the transactions the router publishes, so a new transaction
 * is covered the day it is added.
 */
class AbuseTest {

    /**
     * One abuse: what to do on a fresh world (setup calls allowed) and the rule it must break;
     * {@code readsNothing} when the refusal needs no ledger read (the call, its numbers, JSON and ids are
     * checked before the first one), so the call must read no key at all.
     */
    record Case(String name, String rule, Function<World, Attempt> attempt, boolean readsNothing) {
        Case(final String name, final String rule, final Function<World, Attempt> attempt) {
            this(name, rule, attempt, false);
        }

        Case early() {
            return new Case(name, rule, attempt, true);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** The refused call itself. */
    record Attempt(String who, String function, byte[][] args) {}

    private static final String[] ROLES_OUTSIDE_COMMITTEE = {"publisher", "provider1", "outsider"};
    /** Malformed-argument rules, raised while parsing, before the first read. */
    private static final java.util.Set<String> EARLY = java.util.Set.of(Rule.INVALID_JSON.name(), Rule.MISSING_FIELD.name(),
            Rule.UNKNOWN_FIELD.name(), Rule.INVALID_CID.name(), Rule.TOO_LARGE.name());

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedWithItsRuleAndChangesNothing(final Case c) {
        final World w = new World();
        final Attempt at = c.attempt().apply(w);
        final Map<String, String> before = w.chain.snapshot();
        final Result r = w.chain.callRaw(at.who(), at.function(), at.args());
        assertEquals(c.rule(), r.error(), () -> c.name() + " -> " + r.message());
        assertTrue(r.message().startsWith(c.rule() + ": ") && r.message().length() > c.rule().length() + 10, r.message());
        assertEquals(0, r.pendingWrites(), "a refused call must not write");
        assertNull(r.eventName(), "a refused call must not emit an event");
        assertEquals(before, w.chain.snapshot());
        if (c.readsNothing()) {
            assertEquals(0, r.keysRead(), "refused before reading anything");
        }
    }

    static Stream<Case> cases() {
        final List<Case> all = new ArrayList<>();
        callShape().forEach(c -> all.add(c.early()));
        numbers().forEach(c -> all.add(c.early()));
        json().forEach(c -> all.add(EARLY.contains(c.rule()) ? c.early() : c));
        ids().forEach(c -> all.add(c.rule().equals(Rule.INVALID_ID.name()) ? c.early() : c));
        all.addAll(roles());
        all.addAll(replays());
        all.addAll(certificates());
        return all.stream();
    }

    // ---- the call's shape, for every transaction the router publishes ----

    private static List<Case> callShape() {
        final List<Case> out = new ArrayList<>();
        CallCases.shape(Transactions.arities()).forEach(c -> out.add(shared(c)));
        CallCases.unknown().forEach(c -> out.add(shared(c)));
        return out;
    }

    /** A case of the shared list, which the network bench runs too. */
    private static Case shared(final AbuseCase c) {
        return new Case(c.name(), c.rule().name(), w -> new Attempt(c.who(), c.function(), c.argArray()));
    }

    // ---- numbers passed as strings ----

    private static List<Case> numbers() {
        final List<Case> out = new ArrayList<>();
        // The shared cases name the world's model and update, known only once it is built.
        final List<AbuseCase> shared = CallCases.numbers("m", "u");
        for (int i = 0; i < shared.size(); i++) {
            final int k = i;
            out.add(new Case(shared.get(k).name(), shared.get(k).rule().name(), w -> {
                final AbuseCase c = CallCases.numbers(w.fed, w.c).get(k);
                return new Attempt(c.who(), c.function(), c.argArray());
            }));
        }
        out.add(invalid("round:RecordAggregate with round 'last'", w -> call("provider1", "round:RecordAggregate", w.fed, "last", Specs.cid("x"), "")));
        out.add(invalid("round:DisputeAggregate with round '-1'", w -> call("provider2", "round:DisputeAggregate", w.fed, "-1", Specs.cid("x"), "")));
        out.add(invalid("round:StartScoring with round 'first'", w -> call("member1", "round:StartScoring", w.fed, "first")));
        out.add(new Case(rule(Rule.INVALID_CID) + "round:RecordAggregate with a state CID that is no CID", Rule.INVALID_CID.name(),
                w -> call("provider1", "round:RecordAggregate", w.fed, "1", "not-a-cid", "")));
        out.add(invalid("query:ListUpdates with pageSize \"10\" (a string)",
                w -> call("outsider", "query:ListUpdates", "{\"modelId\":\"" + w.fed + "\",\"pageSize\":\"10\"}")));
        out.add(invalid("query:ListUpdates with round 1.5",
                w -> call("outsider", "query:ListUpdates", "{\"modelId\":\"" + w.fed + "\",\"round\":1.5,\"pageSize\":10}")));
        return out;
    }

    private static Case invalid(final String what, final Function<World, Attempt> attempt) {
        return new Case(rule(Rule.INVALID_FIELD) + what, Rule.INVALID_FIELD.name(), attempt);
    }

    // ---- structured arguments ----

    private static List<Case> json() {
        final List<Case> out = new ArrayList<>();
        for (final String bad : List.of("[]", "42", "\"spec\"", "null", "{", "{}{}", "{\"name\":\"a\",\"name\":\"b\"}")) {
            out.add(new Case(rule(Rule.INVALID_JSON) + "model:PublishModel with spec " + bad, Rule.INVALID_JSON.name(),
                    w -> call("publisher", "model:PublishModel", bad)));
            out.add(new Case(rule(Rule.INVALID_JSON) + "update:SubmitUpdate with request " + bad, Rule.INVALID_JSON.name(),
                    w -> call("provider2", "update:SubmitUpdate", bad)));
        }
        out.add(new Case(rule(Rule.INVALID_JSON) + "score:SubmitScore with value NaN", Rule.INVALID_JSON.name(),
                w -> call("member1", "score:SubmitScore", "{\"updateId\":\"" + w.c + "\",\"value\":NaN,\"samples\":500}")));
        out.add(new Case(rule(Rule.MISSING_FIELD) + "update:SubmitUpdate without weightsCid", Rule.MISSING_FIELD.name(),
                w -> call("provider2", "update:SubmitUpdate", without(w.round2Update("m"), "weightsCid"))));
        out.add(new Case(rule(Rule.MISSING_FIELD) + "score:SubmitScore without updateId", Rule.MISSING_FIELD.name(),
                w -> call("member1", "score:SubmitScore", without(Flow.scoreJson(w.c, 0.9), "updateId"))));
        out.add(new Case(rule(Rule.UNKNOWN_FIELD) + "update:SubmitUpdate naming its submitter", Rule.UNKNOWN_FIELD.name(),
                w -> call("provider2", "update:SubmitUpdate", with(w.round2Update("m"), "submitter", "provider1"))));
        out.add(new Case(rule(Rule.UNKNOWN_FIELD) + "score:SubmitScore naming its member", Rule.UNKNOWN_FIELD.name(),
                w -> call("member1", "score:SubmitScore", with(Flow.scoreJson(w.c, 0.9), "member", "member2"))));
        out.add(invalid("update:SubmitUpdate with round \"2\" (a string)", w -> call("provider2", "update:SubmitUpdate",
                withRaw(w.round2Update("m"), "round", "\"2\""))));
        out.add(invalid("update:SubmitUpdate with samples -1", w -> call("provider2", "update:SubmitUpdate",
                withRaw(w.round2Update("m"), "samples", "-1"))));
        out.add(invalid("update:SubmitUpdate with parents a string", w -> call("provider2", "update:SubmitUpdate",
                withRaw(w.round2Update("m"), "parents", "\"initial\""))));
        out.add(new Case(rule(Rule.INVALID_CID) + "update:SubmitUpdate with a weightsCid that is not a CID", Rule.INVALID_CID.name(),
                w -> call("provider2", "update:SubmitUpdate", with(w.round2Update("m"), "weightsCid", "QmNotACid"))));
        out.add(invalid("score:SubmitScore with value \"0.9\" (a string)", w -> call("member1", "score:SubmitScore",
                withRaw(Flow.scoreJson(w.c, 0.9), "value", "\"0.9\""))));
        out.add(invalid("score:SubmitScore with samples 0", w -> call("member1", "score:SubmitScore",
                withRaw(Flow.scoreJson(w.c, 0.9), "samples", "0"))));
        out.add(invalid("score:SubmitScore with more samples than the member's fragment", w -> call("member1", "score:SubmitScore",
                withRaw(Flow.scoreJson(w.c, 0.9), "samples", "501"))));
        out.add(new Case(rule(Rule.SCORE_OUT_OF_RANGE) + "score:SubmitScore with accuracy 1.5", Rule.SCORE_OUT_OF_RANGE.name(),
                w -> call("member1", "score:SubmitScore", Flow.scoreJson(w.c, 1.5))));
        out.add(new Case(rule(Rule.SCORE_OUT_OF_RANGE) + "score:SubmitScore with accuracy -0.1", Rule.SCORE_OUT_OF_RANGE.name(),
                w -> call("member1", "score:SubmitScore", Flow.scoreJson(w.c, -0.1))));
        out.add(new Case(rule(Rule.UNAVAILABLE_SCORE_HAS_VALUE) + "score:SubmitScore unavailable with a value", Rule.UNAVAILABLE_SCORE_HAS_VALUE.name(),
                w -> call("member1", "score:SubmitScore", withRaw(Flow.scoreJson(w.c, 0.9), "unavailable", "true"))));
        out.add(invalid("score:SubmitScore with unavailable false", w -> call("member1", "score:SubmitScore",
                "{\"updateId\":\"" + w.c + "\",\"unavailable\":false}")));
        out.add(invalid("score:SubmitScore with unavailable \"yes\" (a string)", w -> call("member1", "score:SubmitScore",
                "{\"updateId\":\"" + w.c + "\",\"unavailable\":\"yes\"}")));
        out.add(new Case(rule(Rule.TOO_LARGE) + "model:PublishModel with a 600 KiB spec", Rule.TOO_LARGE.name(),
                w -> call("publisher", "model:PublishModel", "{\"name\":\"" + "x".repeat(600 * 1024) + "\"}")));
        out.add(invalid("model:DeclineModel with a 513-character reason", w -> call("member1", "model:DeclineModel", w.proposed, "r".repeat(513))));
        out.add(invalid("model:DeclineModel with an empty reason", w -> call("member1", "model:DeclineModel", w.proposed, "")));
        out.add(invalid("query:GetReputation with a 129-character MSP id", w -> call("outsider", "query:GetReputation", "O".repeat(129), w.provider1Id)));
        out.add(invalid("query:GetReputation with an empty X.509 id", w -> call("outsider", "query:GetReputation", "Org1MSP", "")));
        out.add(invalid("query:ListModels with status 'archived'", w -> call("outsider", "query:ListModels", "archived", "10", "")));
        out.add(new Case(rule(Rule.INVALID_BOOKMARK) + "query:GetDag with another query's bookmark", Rule.INVALID_BOOKMARK.name(),
                w -> call("outsider", "query:GetDag", w.fed, "1", "\u0000dln.model\u0000" + w.fed + "\u0000")));
        return out;
    }

    // ---- identifiers ----

    private static List<Case> ids() {
        final List<Case> out = new ArrayList<>();
        final String u = "u-0123456789abcdef0123456789abcdef";
        out.add(badId("query:GetModel with an empty id", w -> call("outsider", "query:GetModel", "")));
        out.add(badId("query:GetModel with an update id", w -> call("outsider", "query:GetModel", w.a)));
        out.add(badId("query:GetModel with upper-case hex", w -> call("outsider", "query:GetModel", w.fed.toUpperCase(java.util.Locale.ROOT))));
        out.add(badId("query:GetUpdate with a model id", w -> call("outsider", "query:GetUpdate", w.fed)));
        out.add(badId("model:ApproveModel with a truncated id", w -> call("member1", "model:ApproveModel", w.proposed.substring(0, 33))));
        out.add(badId("model:CloseModel with a key-injection id", w -> call("publisher", "model:CloseModel", w.fed + "\u0000x")));
        out.add(badId("round:CloseRound with a wildcard id", w -> call("publisher", "round:CloseRound", "m-*", "1")));
        out.add(new Case(rule(Rule.MODEL_NOT_FOUND) + "round:CloseRound of an unknown model", Rule.MODEL_NOT_FOUND.name(),
                w -> call("publisher", "round:CloseRound", "m-0123456789abcdef0123456789abcdef", "1")));
        out.add(new Case(rule(Rule.UPDATE_NOT_FOUND) + "score:SubmitScore of an unknown update", Rule.UPDATE_NOT_FOUND.name(),
                w -> call("member1", "score:SubmitScore", Flow.scoreJson(u, 0.9))));
        out.add(new Case(rule(Rule.STATE_CID_NOT_EXPECTED) + "round:RecordAggregate with an optimiser state on a model without optimiser", Rule.STATE_CID_NOT_EXPECTED.name(),
                w -> call("provider1", "round:RecordAggregate", w.fed, "1", Specs.cid("x"), Specs.cid("state"))));
        out.add(new Case(rule(Rule.ROUND_NOT_FOUND) + "round:RecordAggregate of a future round", Rule.ROUND_NOT_FOUND.name(),
                w -> call("provider1", "round:RecordAggregate", w.fed, "9", Specs.cid("x"), "")));
        out.add(new Case(rule(Rule.NOT_FEDERATED) + "round:CloseRound of a gossip model", Rule.NOT_FEDERATED.name(),
                w -> call("publisher", "round:CloseRound", w.gossip, "1")));
        return out;
    }

    private static Case badId(final String what, final Function<World, Attempt> attempt) {
        return new Case(rule(Rule.INVALID_ID) + what, Rule.INVALID_ID.name(), attempt);
    }

    // ---- every role impersonating the others, for every write ----

    private static List<Case> roles() {
        final List<Case> out = new ArrayList<>();
        for (final String who : ROLES_OUTSIDE_COMMITTEE) {
            out.add(role(Rule.NOT_COMMITTEE_MEMBER, who, "model:ApproveModel", w -> call(who, "model:ApproveModel", w.proposed)));
            out.add(role(Rule.NOT_COMMITTEE_MEMBER, who, "model:DeclineModel", w -> call(who, "model:DeclineModel", w.proposed, "no")));
        }
        for (final String who : List.of("member1", "member2", "member3", "provider1", "provider2", "outsider")) {
            out.add(role(Rule.NOT_PUBLISHER, who, "model:CloseModel", w -> call(who, "model:CloseModel", w.fed)));
        }
        out.add(role(Rule.NOT_PUBLISHER, "member1", "model:CloseModel (gossip)", w -> call("member1", "model:CloseModel", w.gossip)));
        out.add(role(Rule.NOT_PUBLISHER, "member1", "model:CloseModel (proposed)", w -> call("member1", "model:CloseModel", w.proposed)));
        out.add(role(Rule.PUBLISHER_CANNOT_SUBMIT, "publisher", "update:SubmitUpdate (federated)",
                w -> call("publisher", "update:SubmitUpdate", w.round2Update("p"))));
        out.add(role(Rule.PUBLISHER_CANNOT_SUBMIT, "publisher", "update:SubmitUpdate (gossip)",
                w -> call("publisher", "update:SubmitUpdate", Flow.updateJson(w.gossip, Specs.cid("p"), List.of("initial"), 0))));
        out.add(role(Rule.QUORUM_UNREACHABLE, "member1", "update:SubmitUpdate when the other members cannot reach the quorum", w -> {
            final JsonObject spec = Specs.base("gossip", "accuracy", 3, 0.8, Specs.COMMITTEE);
            final JsonObject gossip = new JsonObject();
            gossip.addProperty("maxParents", 2);
            spec.add("gossip", gossip);
            final String m = w.flow.open(spec);
            return call("member1", "update:SubmitUpdate", Flow.updateJson(m, Specs.cid("q"), List.of("initial"), 0));
        }));
        out.add(role(Rule.PUBLISHER_CANNOT_SCORE, "publisher", "score:SubmitScore", w -> call("publisher", "score:SubmitScore", Flow.scoreJson(w.c, 0.9))));
        out.add(role(Rule.PUBLISHER_CANNOT_SCORE, "publisher", "score:SubmitScore (gossip)", w -> call("publisher", "score:SubmitScore", Flow.scoreJson(w.g, 0.9))));
        for (final String who : List.of("provider1", "provider2", "provider3", "outsider")) {
            out.add(role(Rule.NOT_COMMITTEE_MEMBER, who, "score:SubmitScore", w -> call(who, "score:SubmitScore", Flow.scoreJson(w.c, 0.9))));
        }
        out.add(role(Rule.SELF_SCORING, "member3", "score:SubmitScore of its own update", w -> call("member3", "score:SubmitScore", Flow.scoreJson(w.gm, 0.9))));
        for (final String who : List.of("member1", "member2", "provider1")) {
            out.add(role(Rule.ROUND_DEADLINE_NOT_REACHED, who, "round:CloseRound before the deadline", w -> call(who, "round:CloseRound", w.fed, "2")));
        }
        for (final String who : List.of("provider2", "provider3", "outsider")) {
            out.add(role(Rule.NOT_ROUND_PARTICIPANT, who, "round:CloseRound of a round it has no update in", w -> call(who, "round:CloseRound", w.fed, "2")));
            out.add(role(Rule.NOT_ROUND_PARTICIPANT, who, "round:CloseRound after the deadline of a round it has no update in", w -> {
                w.chain.advance(Duration.ofSeconds(3601));
                return call(who, "round:CloseRound", w.fed, "2");
            }));
        }
        for (final String who : List.of("provider3", "outsider")) {
            out.add(role(Rule.NOT_ROUND_PARTICIPANT, who, "round:RecordAggregate", w -> call(who, "round:RecordAggregate", w.fed, "1", Specs.cid("forged"), "")));
            out.add(role(Rule.NOT_ROUND_PARTICIPANT, who, "round:DisputeAggregate", w -> call(who, "round:DisputeAggregate", w.fed, "1", Specs.cid("forged"), "")));
            out.add(role(Rule.NOT_ROUND_PARTICIPANT, who, "round:StartScoring", w -> call(who, "round:StartScoring", w.fed, "1")));
        }
        for (final String who : List.of("provider2", "outsider")) {
            out.add(role(Rule.NOT_ROUND_PARTICIPANT, who, "round:RecordAggregate first, on a round it has no update in", w -> {
                final String m = freshClosedRound(w);
                return call(who, "round:RecordAggregate", m, "1", Specs.cid("forged"), "");
            }));
        }
        out.add(role(Rule.SELF_DISPUTE, "provider1", "round:DisputeAggregate of its own record", w -> call("provider1", "round:DisputeAggregate", w.fed, "1", Specs.cid("x"), "")));
        for (final String who : List.of("publisher", "member1", "provider1", "outsider")) {
            out.add(role(Rule.PROBE_DISABLED, who, "probe:Put", w -> call(who, "probe:Put", "k", "v")));
            out.add(role(Rule.PROBE_DISABLED, who, "probe:Get", w -> call(who, "probe:Get", "k")));
        }
        out.add(role(Rule.PROBE_DISABLED, "outsider", "Put (the default contract)", w -> call("outsider", "Put", "k", "v")));
        out.add(role(Rule.PUBLISHER_IN_COMMITTEE, "member1", "model:PublishModel naming itself on the committee",
                w -> call("member1", "model:PublishModel", Specs.federated(2).toString())));
        return out;
    }

    /** A federated model whose round 1 closed with provider1's update accepted and no aggregate yet. */
    private static String freshClosedRound(final World w) {
        final String m = w.flow.open(Specs.federated(1));
        final String u = w.flow.submitOk("provider1", m, Specs.cid("fresh"), List.of("initial"), 1);
        w.flow.decide(u, 0.9);
        return m;
    }

    private static Case role(final Rule rule, final String who, final String what, final Function<World, Attempt> attempt) {
        return new Case(rule(rule) + what + " by " + who, rule.name(), attempt);
    }

    // ---- replays ----

    private static List<Case> replays() {
        final List<Case> out = new ArrayList<>();
        out.add(replay(Rule.DUPLICATE_UPDATE_IN_ROUND, "the same update submitted twice (federated)",
                w -> call("provider1", "update:SubmitUpdate", Flow.updateJson(w.fed, Specs.cid("c"), List.of(w.a, w.b), 2))));
        out.add(replay(Rule.DUPLICATE_UPDATE_IN_ROUND, "a second update by the same provider in a round",
                w -> call("provider1", "update:SubmitUpdate", w.round2Update("other"))));
        out.add(replay(Rule.WEIGHTS_ALREADY_RECORDED, "the same update submitted twice (gossip)",
                w -> call("provider3", "update:SubmitUpdate", Flow.updateJson(w.gossip, Specs.cid("g"), List.of("initial"), 0))));
        out.add(replay(Rule.WEIGHTS_ALREADY_RECORDED, "another provider's weights CID",
                w -> call("provider2", "update:SubmitUpdate", Flow.updateJson(w.fed, Specs.cid("c"), List.of(w.a, w.b), 2))));
        out.add(replay(Rule.WEIGHTS_ALREADY_RECORDED, "the initial weights as an update",
                w -> call("provider2", "update:SubmitUpdate", Flow.updateJson(w.fed, Specs.cid("initial-weights"), List.of(w.a, w.b), 2))));
        out.add(replay(Rule.WRONG_ROUND, "a round-1 update replayed in round 2",
                w -> call("provider2", "update:SubmitUpdate", Flow.updateJson(w.fed, Specs.cid("late"), List.of("initial"), 1))));
        out.add(replay(Rule.DUPLICATE_SCORE, "the same score twice", w -> {
            w.flow.scoreOk("member1", w.c, 0.9);
            return call("member1", "score:SubmitScore", Flow.scoreJson(w.c, 0.9));
        }));
        out.add(replay(Rule.DUPLICATE_SCORE, "a second, different score of the same update", w -> {
            w.flow.scoreOk("member1", w.c, 0.9);
            return call("member1", "score:SubmitScore", Flow.scoreJson(w.c, 0.1));
        }));
        out.add(replay(Rule.DUPLICATE_SCORE, "an unavailable score after a value", w -> {
            w.flow.scoreOk("member1", w.c, 0.9);
            return call("member1", "score:SubmitScore", "{\"updateId\":\"" + w.c + "\",\"unavailable\":true}");
        }));
        out.add(replay(Rule.UPDATE_NOT_PENDING, "a score of an accepted update", w -> call("member3", "score:SubmitScore", Flow.scoreJson(w.a, 0.1))));
        out.add(replay(Rule.ALREADY_VOTED, "the same approval twice", w -> {
            w.chain.ok("member1", "model:ApproveModel", w.proposed);
            return call("member1", "model:ApproveModel", w.proposed);
        }));
        out.add(replay(Rule.ALREADY_VOTED, "a decline after an approval", w -> {
            w.chain.ok("member1", "model:ApproveModel", w.proposed);
            return call("member1", "model:DeclineModel", w.proposed, "changed my mind");
        }));
        out.add(replay(Rule.MODEL_NOT_PROPOSED, "an approval of an open model", w -> call("member3", "model:ApproveModel", w.fed)));
        out.add(replay(Rule.AGGREGATE_ALREADY_RECORDED, "the same aggregate recorded twice",
                w -> call("provider1", "round:RecordAggregate", w.fed, "1", Specs.cid("aggregate-1"), "")));
        for (final String who : List.of("publisher", "member1", "provider2")) {
            out.add(replay(Rule.AGGREGATE_ALREADY_RECORDED, "a second aggregate, by " + who,
                    w -> call(who, "round:RecordAggregate", w.fed, "1", Specs.cid("other"), "")));
        }
        out.add(replay(Rule.DUPLICATE_DISPUTE, "the same dispute twice", w -> {
            w.chain.ok("provider2", "round:DisputeAggregate", w.fed, "1", Specs.cid("mine"), "");
            return call("provider2", "round:DisputeAggregate", w.fed, "1", Specs.cid("mine"), "");
        }));
        out.add(replay(Rule.DISPUTE_MATCHES_AGGREGATE, "a dispute naming the recorded CID",
                w -> call("provider2", "round:DisputeAggregate", w.fed, "1", Specs.cid("aggregate-1"), "")));
        out.add(replay(Rule.ROUND_CLOSED, "a closed round closed again", w -> call("publisher", "round:CloseRound", w.fed, "1")));
        out.add(replay(Rule.MODEL_ALREADY_FINAL, "a closed model closed again", w -> {
            w.chain.ok("publisher", "model:CloseModel", w.fed);
            return call("publisher", "model:CloseModel", w.fed);
        }));
        out.add(replay(Rule.MODEL_NOT_OPEN, "an update to a closed model", w -> {
            w.chain.ok("publisher", "model:CloseModel", w.fed);
            return call("provider2", "update:SubmitUpdate", w.round2Update("after-close"));
        }));
        return out;
    }

    private static Case replay(final Rule rule, final String what, final Function<World, Attempt> attempt) {
        return new Case(rule(rule) + "replay: " + what, rule.name(), attempt);
    }

    // ---- committee certificates that are not a member organisation's client identity ----

    private static List<Case> certificates() {
        final List<Case> out = new ArrayList<>();
        for (final String cert : List.of("roles/cryptogen-admin", "roles/cryptogen-peer", "roles/cryptogen-orderer", "roles/cryptogen-tls",
                "roles/cryptogen-ca", "roles/tls-server-client-ou", "roles/ca-client-ou", "roles/no-signing-client-ou",
                "roles/client-and-peer-ou", "ca1")) {
            out.add(new Case(rule(Rule.NOT_CLIENT_CERTIFICATE) + "model:PublishModel naming " + cert + " as a member",
                    Rule.NOT_CLIENT_CERTIFICATE.name(), w -> call("publisher", "model:PublishModel", withMember(cert).toString())));
        }
        out.add(new Case(rule(Rule.INVALID_CERTIFICATE) + "model:PublishModel naming an RSA certificate as a member",
                Rule.INVALID_CERTIFICATE.name(), w -> call("publisher", "model:PublishModel", withMember("rsa").toString())));
        return out;
    }

    /** The federated spec with its third member's certificate replaced by {@code cert}. */
    static JsonObject withMember(final String cert) {
        final JsonObject spec = Specs.federated(2);
        final JsonObject member = spec.getAsJsonArray("committee").get(2).getAsJsonObject();
        member.addProperty("mspId", "Org1MSP");
        member.addProperty("certificatePem", Actors.pem(cert));
        return spec;
    }

    // ---- helpers ----

    private static String rule(final Rule rule) {
        return rule.name() + " · ";
    }

    private static Attempt call(final String who, final String fn, final String... args) {
        final byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return new Attempt(who, fn, raw);
    }

    private static String without(final String json, final String field) {
        final JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.remove(field);
        return o.toString();
    }

    private static String with(final String json, final String field, final String value) {
        final JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.addProperty(field, value);
        return o.toString();
    }

    private static String withRaw(final String json, final String field, final String rawJson) {
        final JsonObject o = JsonParser.parseString(json).getAsJsonObject();
        o.add(field, JsonParser.parseString(rawJson));
        return o.toString();
    }

    /** Every "contract:Name" the router publishes, with its argument count, from the chaincode's own metadata. */
    static final class Transactions {
        private Transactions() {
        }

        static Map<String, Integer> arities() {
            return CallCases.arities(new Chain().ok("outsider", "org.hyperledger.fabric:GetMetadata").payload());
        }
    }
}
