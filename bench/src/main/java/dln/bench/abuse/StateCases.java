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
 * a non-participant recording, disputing or scoring round 1, replays of a score and of an update.
 * Each is called through the gateway as its actor, with the clients' own calls, and must be
 * refused with exactly its rule.
 */
final class StateCases {

    /** One case: who calls, what, and the rule that must refuse it. */
    private record Case(String name, String who, Rule rule, Consumer<DlnLedger> call) {}

    private StateCases() {
    }

    /** Prints the table; returns how many cases were MISSED. */
    static int run(final ConnectionProfile profile, final String model) {
        final List<Case> cases = cases(profile, model);
        final Map<String, DlnLedger> ledgers = new HashMap<>();
        final Table t = new Table("abuse: refused calls that need ledger state, on the real network", "case", "actor", "expected", "observed",
                "result");
        int missed = 0;
        try {
            for (final Case c : cases) {
                final DlnLedger ledger = ledgers.computeIfAbsent(c.who(), who -> FabricLedger.connect(profile, who));
                String observed;
                try {
                    c.call().accept(ledger);
                    observed = "accepted";
                } catch (LedgerException e) {
                    observed = e.code();
                }
                final boolean ok = c.rule().name().equals(observed);
                missed += ok ? 0 : 1;
                t.row(c.name(), c.who(), c.rule().name(), observed, ok ? "ok" : "MISSED");
            }
        } finally {
            ledgers.values().forEach(DlnLedger::close);
        }
        t.print();
        System.out.printf("%n%d state cases, %d ok, %d MISSED%n", cases.size(), cases.size() - missed, missed);
        return missed;
    }

    private static List<Case> cases(final ConnectionProfile profile, final String model) {
        final String publisher = profile.roles().publisher();
        final List<String> members = profile.roles().committee();
        final List<UpdateView> round1;
        final RoundView round2;
        final String recipe;
        try (DlnLedger ledger = FabricLedger.connect(profile, publisher)) {
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
        outsider(profile, participants).ifPresent(outsider -> {
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
        out.add(new Case("the publisher submits an update to round 2", publisher, Rule.PUBLISHER_CANNOT_SUBMIT,
                l -> l.submitUpdate(model, cid, round2.parents(), 2, 10, 1000, recipe)));
        out.add(new Case("a provider closes the model", provider, Rule.NOT_PUBLISHER, l -> l.closeModel(model)));
        for (final String m : members) {
            out.add(new Case("a committee member closes the model", m, Rule.NOT_PUBLISHER, l -> l.closeModel(model)));
            out.add(new Case("a committee member submits an update to round 2", m, Rule.COMMITTEE_CANNOT_SUBMIT,
                    l -> l.submitUpdate(model, cid, round2.parents(), 2, 10, 1000, recipe)));
        }
        out.add(new Case("a member's score replayed", members.get(0), Rule.UPDATE_NOT_PENDING, l -> l.submitScore(u.id(), 0.9, 10)));
        out.add(new Case("a provider's update replayed to its closed round", provider, Rule.SUBMISSIONS_CLOSED,
                l -> l.submitUpdate(model, cid, u.parents(), 1, u.samples(), 1000, recipe)));
        return out;
    }

    /** An enrolled user of a member organisation that is neither publisher, committee, nor in round 1. */
    private static java.util.Optional<String> outsider(final ConnectionProfile profile, final Set<String> participants) {
        final Set<String> taken = new java.util.HashSet<>(participants);
        taken.add(profile.roles().publisher());
        taken.addAll(profile.roles().committee());
        return profile.organizations().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .flatMap(e -> e.getValue().users().keySet().stream().filter(user -> !user.equalsIgnoreCase("Admin")).sorted()
                        .map(user -> e.getKey() + "/" + user))
                .filter(id -> !taken.contains(id)).reduce((a, b) -> b);
    }
}
