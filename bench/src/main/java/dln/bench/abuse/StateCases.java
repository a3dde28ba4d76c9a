package dln.bench.abuse;

import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.Rule;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.bench.Table;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.FabricLedger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The cases that need ledger state, on the real network, against the model of the crowd round
 * (its round 1 closed with every update decided, round 2 open): roles impersonating each other,
 * a non-participant recording, disputing or scoring round 1, replays of a score and of an update;
 * and on a model left proposed, every role but the committee approving or declining it. Each is called through the gateway as its actor, with the clients' own calls, and must be
 * refused with exactly its rule.
 */
final class StateCases {

    /** One case: who calls, what, and the rule that must refuse it. */
    private record Case(String name, String who, Rule rule, Consumer<DlnLedger> call) {}

    private StateCases() {
    }

    /** One case as the ledger answered it. */
    record Observed(String name, String who, Rule rule, String observed) {
        boolean ok() {
            return rule.name().equals(observed);
        }
    }

    /** Prints the table; returns how many cases were MISSED. */
    static int run(final ConnectionProfile profile, final String model) throws java.io.IOException {
        final List<String> everyone = profile.organizations().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().users().keySet().stream().filter(user -> !user.equalsIgnoreCase("Admin")).sorted()
                        .map(user -> e.getKey() + "/" + user))
                .toList();
        final String proposed;
        try (dln.session.consortium.NetworkConsortium network = new dln.session.consortium.NetworkConsortium(profile)) {
            proposed = PublicationCases.proposed(network, PublicationCases.validation());
        }
        final List<Observed> all = observe(model, proposed, profile.roles().publisher(), profile.roles().committee(), everyone,
                who -> FabricLedger.connect(profile, who));
        final Table t = new Table("abuse: refused calls that need ledger state, on the real network", "case", "actor", "expected", "observed",
                "result");
        all.forEach(o -> t.row(o.name(), o.who(), o.rule().name(), o.observed(), o.ok() ? "ok" : "MISSED"));
        t.print();
        final int missed = (int) all.stream().filter(o -> !o.ok()).count();
        System.out.printf("%n%d state cases, %d ok, %d MISSED%n", all.size(), all.size() - missed, missed);
        return missed;
    }

    /**
     * Every case on {@code model} (a federated model whose round 1 closed, round 2 open with its
     * deadline an hour away) and {@code proposed} (a model nobody approved), each through
     * {@code connect}'s ledger for its actor; {@code everyone}: the enrolled identities, among which
     * an outsider is chosen (none of publisher, committee and round 1's providers).
     */
    static List<Observed> observe(final String model, final String proposed, final String publisher, final List<String> members, final List<String> everyone,
            final java.util.function.Function<String, DlnLedger> connect) {
        final Map<String, DlnLedger> ledgers = new HashMap<>();
        try {
            final List<Case> cases = cases(connect.apply(publisher), model, publisher, members, everyone);
            cases.addAll(roleCases(connect.apply(publisher), model, proposed, publisher, members, everyone));
            final List<Observed> out = new ArrayList<>();
            for (final Case c : cases) {
                final DlnLedger ledger = ledgers.computeIfAbsent(c.who(), connect);
                String observed;
                try {
                    c.call().accept(ledger);
                    observed = "accepted";
                } catch (LedgerException e) {
                    observed = e.code();
                }
                out.add(new Observed(c.name(), c.who(), c.rule(), observed));
            }
            return out;
        } finally {
            ledgers.values().forEach(DlnLedger::close);
        }
    }

    private static List<Case> cases(final DlnLedger reader, final String model, final String publisher, final List<String> members,
            final List<String> everyone) {
        final List<UpdateView> round1;
        final RoundView round2;
        final String recipe;
        try (DlnLedger ledger = reader) {
            round1 = ledger.listUpdates(model, 1, null);
            round2 = ledger.getRound(model, 2);
            recipe = ledger.getModel(model).recipeHash();
        }
        final UpdateView u = round1.stream().filter(UpdateView::accepted).findFirst()
                .orElseThrow(() -> new IllegalStateException("the crowd round accepted no update: nothing to abuse"));
        final String provider = u.submitter().shortName();
        final Set<String> participants = round1.stream().map(x -> x.submitter().shortName()).collect(Collectors.toSet());
        final String cid = u.weightsCid();
        final List<Case> out = new ArrayList<>();
        final Set<String> taken = new java.util.HashSet<>(participants);
        taken.add(publisher);
        taken.addAll(members);
        everyone.stream().filter(id -> !taken.contains(id)).reduce((a, b) -> b).ifPresent(outsider -> {
            out.add(new Case("a non-participant records round 1's aggregate", outsider, Rule.NOT_ROUND_PARTICIPANT,
                    l -> l.recordAggregate(model, 1, cid)));
            out.add(new Case("a non-participant disputes round 1's aggregate", outsider, Rule.NOT_ROUND_PARTICIPANT,
                    l -> l.disputeAggregate(model, 1, cid, null)));
            out.add(new Case("a non-participant starts round 1's scoring", outsider, Rule.NOT_ROUND_PARTICIPANT, l -> l.startScoring(model, 1)));
            out.add(new Case("a non-member scores an update", outsider, Rule.NOT_COMMITTEE_MEMBER, l -> l.submitScore(u.id(), 0.9, 10)));
            out.add(new Case("a non-participant closes the model", outsider, Rule.NOT_PUBLISHER, l -> l.closeModel(model)));
        });
        out.add(new Case("a provider scores another's update", round1.stream().map(x -> x.submitter().shortName()).filter(p -> !p.equals(provider))
                .findFirst().orElse(provider), Rule.NOT_COMMITTEE_MEMBER, l -> l.submitScore(u.id(), 0.9, 10)));
        out.add(new Case("the publisher scores an update", publisher, Rule.PUBLISHER_CANNOT_SCORE, l -> l.submitScore(u.id(), 0.9, 10)));
        // Weights nobody recorded: a recorded CID is refused first (WEIGHTS_ALREADY_RECORDED), whoever sends it.
        final String publisherCid = freshCid(publisher);
        out.add(new Case("the publisher submits an update to round 2", publisher, Rule.PUBLISHER_CANNOT_SUBMIT,
                l -> l.submitUpdate(model, publisherCid, round2.parents(), 2, 10, 1000, recipe)));
        out.add(new Case("a provider closes the model", provider, Rule.NOT_PUBLISHER, l -> l.closeModel(model)));
        for (final String m : members) {
            // (A member may also provide, scored by the others: docs/protocol.md; so no case submits as one.)
            out.add(new Case("a committee member closes the model", m, Rule.NOT_PUBLISHER, l -> l.closeModel(model)));
        }
        out.add(new Case("a member's score replayed", members.get(0), Rule.UPDATE_NOT_PENDING, l -> l.submitScore(u.id(), 0.9, 10)));
        out.add(new Case("a provider's update replayed to its closed round", provider, Rule.WRONG_ROUND,
                l -> l.submitUpdate(model, cid, u.parents(), 1, u.samples(), 1000, recipe)));
        return out;
    }


    /**
     * Every role impersonating the others for the writes the crowd round's state allows: approving
     * and declining a proposed model (committee only), closing it (publisher only), closing round 2
     * before its deadline (only the publisher may: RoundActions; the members after it) or without an
     * update in it, and disputing one's own recorded aggregate (a round-1 provider records one
     * first when the session left none).
     */
    private static List<Case> roleCases(final DlnLedger reader, final String model, final String proposed, final String publisher,
            final List<String> members, final List<String> everyone) {
        final List<UpdateView> round1;
        final RoundView.Aggregate aggregate;
        try (DlnLedger ledger = reader) {
            round1 = ledger.listUpdates(model, 1, null);
            aggregate = ledger.getRound(model, 1).aggregate();
        }
        final List<String> providers = round1.stream().map(x -> x.submitter().shortName()).distinct().sorted().toList();
        final Set<String> taken = new java.util.HashSet<>(providers);
        taken.add(publisher);
        taken.addAll(members);
        final List<String> outsiders = everyone.stream().filter(id -> !taken.contains(id)).toList();
        final List<String> notMembers = new ArrayList<>();
        notMembers.add(publisher);
        notMembers.addAll(providers.subList(0, Math.min(2, providers.size())));
        if (!outsiders.isEmpty()) {
            notMembers.add(outsiders.get(outsiders.size() - 1));
        }
        final List<Case> out = new ArrayList<>();
        for (final String who : notMembers) {
            out.add(new Case("a non-member approves a proposed model", who, Rule.NOT_COMMITTEE_MEMBER, l -> l.approveModel(proposed)));
            out.add(new Case("a non-member declines a proposed model", who, Rule.NOT_COMMITTEE_MEMBER, l -> l.declineModel(proposed, "no")));
        }
        for (final String who : notMembers.subList(1, notMembers.size())) {
            out.add(new Case("a non-publisher closes a proposed model", who, Rule.NOT_PUBLISHER, l -> l.closeModel(proposed)));
        }
        for (final String m : members) {
            out.add(new Case("a committee member closes a proposed model", m, Rule.NOT_PUBLISHER, l -> l.closeModel(proposed)));
            out.add(new Case("a committee member closes round 2 before its deadline", m, Rule.ROUND_DEADLINE_NOT_REACHED, l -> l.closeRound(model, 2)));
        }
        for (final String who : notMembers.subList(1, notMembers.size())) {
            out.add(new Case("a provider or outsider with no update in round 2 closes it", who, Rule.NOT_ROUND_PARTICIPANT, l -> l.closeRound(model, 2)));
        }
        final String recorder = aggregate != null ? aggregate.by().shortName() : providers.get(0);
        final String other = freshCid(recorder + "/dispute");
        out.add(new Case("round 1's aggregate recorder disputes its own record", recorder, Rule.SELF_DISPUTE, l -> {
            if (l.getRound(model, 1).aggregate() == null) {
                l.recordAggregate(model, 1, freshCid(recorder + "/aggregate"));
            }
            l.disputeAggregate(model, 1, other, null);
        }));
        return out;
    }

    /** The CID of a weight file only {@code who} would make: no update recorded it. */
    private static String freshCid(final String who) {
        try {
            return dln.core.storage.WeightStore.cidOf(String.format("%064x", new java.math.BigInteger(1, who.getBytes(
                    java.nio.charset.StandardCharsets.UTF_8))), new float[] {who.hashCode(), System.nanoTime()});
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
