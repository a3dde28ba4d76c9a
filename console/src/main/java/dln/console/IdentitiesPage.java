package dln.console;

import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.ReputationView;
import dln.api.view.UpdateView;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every identity the ledger names (publishers, committee members, providers) with its record:
 * contributions, accepted and rejected updates, scores given and how often they agreed with the
 * decision, the weight that follows.
 */
final class IdentitiesPage {

    private final LedgerReader reader;

    IdentitiesPage(final LedgerReader reader) {
        this.reader = reader;
    }

    String render() {
        // Roles per identity, in a stable order (organisation, then name).
        final Map<LedgerIdentity, java.util.SortedSet<String>> roles = new TreeMap<>(
                java.util.Comparator.comparing(LedgerIdentity::mspId).thenComparing(LedgerIdentity::shortName).thenComparing(LedgerIdentity::x509Id));
        final Map<LedgerIdentity, Integer> submitted = new LinkedHashMap<>();
        for (ModelView m : reader.models()) {
            roles.computeIfAbsent(m.publisher(), k -> new java.util.TreeSet<>()).add("publisher");
            m.committee().forEach(c -> roles.computeIfAbsent(c.identity(), k -> new java.util.TreeSet<>()).add("committee"));
            for (UpdateView u : reader.updates(m.id())) {
                roles.computeIfAbsent(u.submitter(), k -> new java.util.TreeSet<>()).add("provider");
                submitted.merge(u.submitter(), 1, Integer::sum);
            }
        }
        final Html h = Html.page("identities", reader.identity().shortName()).h1("Identities");
        if (roles.isEmpty()) {
            return h.note("No identity has acted on the ledger yet.").end();
        }
        h.note("Each identity's reputation record (query GetReputation), summed over every model. Weight = (agreed + 1) / (decided + 2): "
                + "how far the reputation-weighted mean trusts its scores.");
        h.table("identity", "organisation", "roles", "updates submitted", "accepted", "rejected", "contribution (nats)", "flagged",
                "scores given", "scores decided", "agreed", "weight");
        roles.forEach((who, r) -> {
            final ReputationView rep = reader.reputation(who);
            final String rec = Links.reputationRecord(who);
            h.row(Html.link(rec, who.shortName()), Html.text(who.mspId()), Html.text(String.join(", ", r)),
                    Integer.toString(submitted.getOrDefault(who, 0)),
                    Html.link(rec, Long.toString(rep.accepted())), Html.link(rec, Long.toString(rep.rejected())),
                    Html.link(rec, String.format(Locale.ROOT, "%.4f", rep.contribution())), Html.link(rec, Long.toString(rep.flagged())),
                    Html.link(rec, Long.toString(rep.scoresGiven())), Html.link(rec, Long.toString(rep.scoresDecided())),
                    Html.link(rec, Long.toString(rep.scoresAgreed())), Html.link(rec, String.format(Locale.ROOT, "%.3f", rep.weight())));
        });
        return h.endTable().end();
    }
}
