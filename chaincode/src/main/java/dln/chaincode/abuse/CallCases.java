package dln.chaincode.abuse;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.api.Rule;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The abuse cases that need no particular world state: the call's shape for every transaction
 * (generated from the chaincode's own metadata, so a new transaction is covered the day it is
 * added), unknown transaction names, and numbers passed as strings. Each is refused before the
 * first ledger read, so any well-formed model and update ids do.
 */
public final class CallCases {

    private static final byte[] NOT_UTF8 = {(byte) 0xC3, (byte) 0x28};
    /** One byte over the per-argument limit. */
    static final int OVERSIZED = 2 * 1024 * 1024 + 1;

    private CallCases() {
    }

    /** Every case below for the transactions {@code arities} lists; {@code model} and {@code update} exist or not. */
    public static List<AbuseCase> all(final Map<String, Integer> arities, final String model, final String update) {
        final List<AbuseCase> out = new ArrayList<>(shape(arities));
        out.addAll(unknown());
        out.addAll(numbers(model, update));
        return out;
    }

    /** No argument, one missing, one too many, one not UTF-8, one of 2 MiB: for every transaction. */
    public static List<AbuseCase> shape(final Map<String, Integer> arities) {
        final List<AbuseCase> out = new ArrayList<>();
        for (final Map.Entry<String, Integer> tx : arities.entrySet()) {
            final String fn = tx.getKey();
            final int n = tx.getValue();
            if (n > 0) {
                out.add(of(Rule.WRONG_ARGUMENT_COUNT, fn + " with no argument (takes " + n + ")", fn, filler(0)));
            }
            if (n > 1) {
                out.add(of(Rule.WRONG_ARGUMENT_COUNT, fn + " with one argument missing (takes " + n + ")", fn, filler(n - 1)));
            }
            out.add(of(Rule.WRONG_ARGUMENT_COUNT, fn + " with one argument too many (takes " + n + ")", fn, filler(n + 1)));
            if (n > 0) {
                out.add(of(Rule.ARGUMENT_NOT_UTF8, fn + " with an argument that is not UTF-8", fn, with(filler(n), n - 1, NOT_UTF8)));
                out.add(of(Rule.TOO_LARGE, fn + " with a 2 MiB argument", fn, with(filler(n), 0, new byte[OVERSIZED])));
            }
        }
        return out;
    }

    /** Names the router does not publish, including a shim built-in and a contract's Java method name. */
    public static List<AbuseCase> unknown() {
        final List<AbuseCase> out = new ArrayList<>();
        for (final String fn : List.of("model:Nope", "query:PutState", "round:closeRound", "Nope", "query:", "")) {
            out.add(of(Rule.UNKNOWN_TRANSACTION, fn, fn, text("x")));
        }
        return out;
    }

    /** Rounds, page sizes and depths that are not plain positive integers in range. */
    public static List<AbuseCase> numbers(final String model, final String update) {
        final List<AbuseCase> out = new ArrayList<>();
        for (final String bad : List.of("one", "1.5", "-1", "0", "", " 1", "+1", "١", "1e3", "1000000", "99999999999")) {
            out.add(invalid("round:CloseRound with round '" + bad + "'", "publisher", "round:CloseRound", model, bad));
        }
        for (final String bad : List.of("ten", "0", "201", "", "1e2", "-5", "0x10")) {
            out.add(invalid("query:GetDag with pageSize '" + bad + "'", "outsider", "query:GetDag", model, bad, ""));
        }
        out.add(invalid("query:ListModels with pageSize 'all'", "outsider", "query:ListModels", "", "all", ""));
        out.add(invalid("query:GetChildren with pageSize '2.0'", "outsider", "query:GetChildren", model, "initial", "2.0", ""));
        out.add(invalid("query:ListBestAccepted with pageSize '999'", "outsider", "query:ListBestAccepted", model, "999", ""));
        out.add(invalid("query:ListRecentAccepted with pageSize 'NaN'", "outsider", "query:ListRecentAccepted", model, "NaN", ""));
        for (final String bad : List.of("deep", "0", "65")) {
            out.add(invalid("query:GetLineage with depth '" + bad + "'", "outsider", "query:GetLineage", update, bad));
        }
        out.add(invalid("query:GetRound with round 'r1'", "outsider", "query:GetRound", model, "r1"));
        return out;
    }

    /**
     * Every "contract:Name" in the chaincode's metadata (the shim's
     * {@code org.hyperledger.fabric:GetMetadata}), with its argument count; the shim's own
     * contracts are left out.
     */
    public static Map<String, Integer> arities(final String metadataJson) {
        final JsonObject contracts = JsonParser.parseString(metadataJson).getAsJsonObject().getAsJsonObject("contracts");
        final Map<String, Integer> out = new TreeMap<>();
        for (final Map.Entry<String, JsonElement> c : contracts.entrySet()) {
            if (c.getKey().startsWith("org.hyperledger")) {
                continue;
            }
            for (final JsonElement t : c.getValue().getAsJsonObject().getAsJsonArray("transactions")) {
                final JsonArray params = t.getAsJsonObject().getAsJsonArray("parameters");
                out.put(c.getKey() + ":" + t.getAsJsonObject().get("name").getAsString(), params == null ? 0 : params.size());
            }
        }
        return out;
    }

    private static AbuseCase of(final Rule rule, final String what, final String fn, final byte[][] args) {
        return new AbuseCase(rule.name() + " · " + what, "outsider", fn, Arrays.asList(args), rule);
    }

    private static AbuseCase invalid(final String what, final String who, final String fn, final String... args) {
        return new AbuseCase(Rule.INVALID_FIELD.name() + " · " + what, who, fn, Arrays.asList(text(args)), Rule.INVALID_FIELD);
    }

    private static byte[][] text(final String... args) {
        final byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            raw[i] = args[i].getBytes(StandardCharsets.UTF_8);
        }
        return raw;
    }

    private static byte[][] filler(final int n) {
        final byte[][] out = new byte[n][];
        Arrays.fill(out, "x".getBytes(StandardCharsets.UTF_8));
        return out;
    }

    private static byte[][] with(final byte[][] args, final int i, final byte[] value) {
        final byte[][] out = args.clone();
        out[i] = value;
        return out;
    }
}
