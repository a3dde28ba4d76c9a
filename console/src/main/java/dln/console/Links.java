package dln.console;

import dln.api.view.LedgerIdentity;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where each page and each ledger record lives in the console. A value on a page links to the
 * record page of the ledger key it was read from ({@code /ledger/...}), which names the key
 * and the query and shows the record exactly as the chaincode returned it.
 */
final class Links {

    private Links() {
    }

    static String model(final String id) {
        return "/models/" + id;
    }

    static String dag(final String id) {
        return "/models/" + id + "/dag";
    }

    static String timing(final String id) {
        return "/models/" + id + "/timing";
    }

    static String update(final String id) {
        return "/updates/" + id;
    }

    static String modelRecord(final String id) {
        return "/ledger/model/" + id;
    }

    static String updateRecord(final String id) {
        return "/ledger/update/" + id;
    }

    static String scoresRecord(final String updateId) {
        return "/ledger/scores/" + updateId;
    }

    static String roundRecord(final String modelId, final int round) {
        return "/ledger/round/" + modelId + "/" + round;
    }

    static String reputationRecord(final LedgerIdentity who) {
        return "/ledger/reputation?msp=" + enc(who.mspId()) + "&x509=" + enc(who.x509Id());
    }

    private static String enc(final String v) {
        return URLEncoder.encode(v == null ? "" : v, StandardCharsets.UTF_8);
    }
}
