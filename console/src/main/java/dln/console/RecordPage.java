package dln.console;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import dln.api.LedgerException;
import dln.api.Tx;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The ledger record behind a value: which composite key it is stored under, the query any member
 * can run to read it, and the record exactly as the chaincode returned it to this console.
 */
final class RecordPage {

    /** What a record page shows: the key as docs/ledger.md §6 spells it and the query that reads it. */
    record Record(String title, String key, Tx query, List<String> args) {}

    private final LedgerReader reader;

    RecordPage(final LedgerReader reader) {
        this.reader = reader;
    }

    static Record model(final String id) {
        Ids.model(id);
        return new Record("model " + id, "dln.model [" + id + "]", Tx.GET_MODEL, List.of(id));
    }

    static Record update(final String id) {
        Ids.update(id);
        return new Record("update " + id, "dln.update [" + id + "]", Tx.GET_UPDATE, List.of(id));
    }

    static Record scores(final String id) {
        Ids.update(id);
        return new Record("scores of " + id, "dln.score [" + id + ", mspId, x509Id] (one key per member)", Tx.GET_SCORES, List.of(id));
    }

    static Record round(final String id, final String n) {
        Ids.model(id);
        final int r = Ids.round(n);
        final String padded = String.format("%06d", r);
        return new Record("round " + r + " of " + id, "dln.round [" + id + ", " + padded + "] and dln.dispute [" + id + ", " + padded + ", …]",
                Tx.GET_ROUND, List.of(id, Integer.toString(r)));
    }

    static Record reputation(final String msp, final String x509) {
        if (msp == null || msp.isBlank() || x509 == null || x509.isBlank() || msp.length() > 256 || x509.length() > 4096) {
            throw HttpProblem.badRequest("a reputation record is addressed by ?msp=<MSP id>&x509=<X.509 id>, both given");
        }
        return new Record("reputation of " + msp + " " + x509, "dln.reputation [" + msp + ", " + x509 + ", updateId] and dln.score.member [" + msp
                + ", " + x509 + ", …]", Tx.GET_REPUTATION, List.of(msp, x509));
    }

    String render(final Record r) {
        final byte[] answer;
        try {
            answer = reader.ledger().transport().evaluate(r.query(), r.args().toArray(String[]::new));
        } catch (LedgerException e) {
            if (e.code() != null && e.code().endsWith("_NOT_FOUND")) {
                throw HttpProblem.notFound("the ledger has no " + r.title() + " (" + e.code() + ")");
            }
            if (e.code() != null && e.code().startsWith("INVALID_")) {
                throw HttpProblem.badRequest("the ledger refuses this address: " + e.code());
            }
            throw e;
        }
        final String json = new String(answer, StandardCharsets.UTF_8);
        final Html h = Html.page(r.title(), reader.identity().shortName()).h1("Ledger record");
        h.table("", "");
        h.row("record", Html.text(r.title()));
        h.row("key", "<code>" + Html.text(r.key()) + "</code>");
        h.row("query", "<code>" + Html.text(r.query().qualified() + "(" + String.join(", ", r.args().stream().map(a -> "\"" + a + "\"").toList()) + ")")
                + "</code>");
        h.endTable();
        h.note("As the chaincode returned it to " + reader.identity().shortName() + " (evaluated on a peer, nothing written); any member "
                + "reads the same with the query above.");
        return h.raw("<pre>").esc(pretty(json)).raw("</pre>\n").end();
    }

    private static String pretty(final String json) {
        try {
            return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(JsonParser.parseString(json));
        } catch (RuntimeException e) {
            return json;
        }
    }
}
