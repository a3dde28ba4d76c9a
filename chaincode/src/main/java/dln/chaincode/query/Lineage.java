package dln.chaincode.query;

import dln.chaincode.call.NumberArgument;
import dln.chaincode.keys.Ids;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.update.Update;
import dln.chaincode.update.Updates;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Ancestors of an update, breadth first: generation by generation up to {@code depth}, each
 * generation in id order, each ancestor once. Point reads only, bounded by MAX_NODES.
 */
public final class Lineage {

    public static final int MAX_DEPTH = 64;
    public static final int MAX_NODES = 1000;

    private Lineage() {
    }

    public static List<Update> ancestors(final Ledger ledger, final String updateId, final String depthText) {
        final int depth = parseDepth(depthText);
        final Update start = Updates.load(ledger, updateId);
        final List<Update> out = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        TreeSet<String> frontier = new TreeSet<>(start.parents());
        for (int level = 0; level < depth && !frontier.isEmpty() && out.size() < MAX_NODES; level++) {
            final TreeSet<String> next = new TreeSet<>();
            for (final String id : frontier) {
                if (Ids.INITIAL.equals(id) || !seen.add(id) || out.size() >= MAX_NODES) {
                    continue;
                }
                final Update u = Updates.load(ledger, id);
                out.add(u);
                next.addAll(u.parents());
            }
            frontier = next;
        }
        return out;
    }

    private static int parseDepth(final String text) {
        return NumberArgument.parse(text, "depth", 1, MAX_DEPTH);
    }
}
