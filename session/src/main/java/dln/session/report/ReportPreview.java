package dln.session.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a sample report from synthetic data (a federated phase with one malicious provider,
 * then a gossip phase), to see the report without running a session:
 * {@code java -cp ... dln.session.report.ReportPreview [out.html] [gossipUpdates]}.
 */
public final class ReportPreview {
    private ReportPreview() {
    }

    public static void main(String[] args) throws Exception {
        Path out = Path.of(args.length > 0 ? args[0] : "report-preview.html");
        int gossip = args.length > 1 ? Integer.parseInt(args[1]) : 24;
        Path written = new ReportWriter().write(sample(4, 5, gossip, 7L), out);
        System.out.println(written.toUri());
    }

    /** A plausible session: {@code providers} providers (the last one malicious), rounds, then gossip. */
    static ReportModel sample(int providers, int rounds, int gossipUpdates, long seed) {
        Random rnd = new Random(seed);
        List<DagNode> nodes = new ArrayList<>();
        List<DagEdge> edges = new ArrayList<>();
        List<RoundPoint> accuracy = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        long t = 1_795_000_000_000L;

        nodes.add(new DagNode("init", "initial weights", NodeStatus.INITIAL, null, 0, t));
        String previous = "init";
        double acc = 0.10;
        for (int r = 1; r <= rounds; r++) {
            List<String> accepted = new ArrayList<>();
            int rejected = 0;
            double next = Math.min(0.985, acc + (0.975 - acc) * 0.62);
            for (int p = 1; p <= providers; p++) {
                t += 4_000 + rnd.nextInt(3_000);
                boolean malicious = p == providers;
                double score = malicious ? 0.05 + rnd.nextDouble() * 0.05 : next - 0.01 - rnd.nextDouble() * 0.02;
                String id = "r" + r + "-p" + p;
                NodeStatus st = malicious ? NodeStatus.REJECTED : NodeStatus.ACCEPTED;
                nodes.add(new DagNode(id, "provider" + p + (malicious ? " (malicious)" : ""), st, score, r, t));
                edges.add(new DagEdge(previous, id));
                if (st == NodeStatus.ACCEPTED) accepted.add(id); else rejected++;
            }
            t += 2_000;
            String agg = "agg-r" + r;
            acc = next;
            nodes.add(new DagNode(agg, "aggregate r" + r, NodeStatus.AGGREGATE, acc, r, t));
            for (String a : accepted) edges.add(new DagEdge(a, agg));
            previous = agg;
            accuracy.add(new RoundPoint("federated, Dirichlet 0.5, median", r, acc));
            accuracy.add(new RoundPoint("federated, IID, FedAvg", r, Math.min(0.99, acc + 0.004)));
            rows.add(List.of(Integer.toString(r), Integer.toString(accepted.size()), Integer.toString(rejected),
                    String.format(Locale.ROOT, "%.2f%%", 100 * acc)));
        }

        // As in a session: the gossip model starts from the last federated aggregate, and says so.
        t += 1_000;
        nodes.add(new DagNode("gossip-start", "gossip start", NodeStatus.INITIAL, null, null, t, "from federated round " + rounds + " aggregate"));
        edges.add(new DagEdge(previous, "gossip-start"));
        List<String> pool = new ArrayList<>(List.of("gossip-start"));
        double gacc = acc;
        for (int g = 1; g <= gossipUpdates; g++) {
            t += 1_500 + rnd.nextInt(2_000);
            String id = "g" + g;
            int provider = 1 + rnd.nextInt(providers);
            boolean malicious = provider == providers;
            boolean pending = g > gossipUpdates - 3;
            NodeStatus st = pending ? NodeStatus.PENDING : malicious ? NodeStatus.REJECTED : NodeStatus.ACCEPTED;
            Double score = pending ? null : malicious ? 0.08 : Math.min(0.99, gacc + rnd.nextDouble() * 0.004);
            nodes.add(new DagNode(id, "provider" + provider, st, score, null, t));
            // Recent accepted updates as parents, 1..3 of them, like the score-weighted sampler would.
            int k = Math.min(pool.size(), 1 + rnd.nextInt(3));
            List<String> recent = pool.subList(Math.max(0, pool.size() - 5), pool.size());
            List<String> choice = new ArrayList<>(recent);
            java.util.Collections.shuffle(choice, rnd);
            for (String parent : choice.subList(0, Math.min(k, choice.size()))) edges.add(new DagEdge(parent, id));
            if (st == NodeStatus.ACCEPTED) {
                pool.add(id);
                gacc = Math.min(0.985, gacc + 0.0008);
                if (g % Math.max(1, gossipUpdates / rounds) == 0) {
                    accuracy.add(new RoundPoint("gossip (head), per " + Math.max(1, gossipUpdates / rounds) + " updates",
                            g / Math.max(1, gossipUpdates / rounds), gacc - 0.006));
                }
            }
        }

        return new ReportModel(
                "dln demo session \u2014 synthetic preview",
                List.of(new SummaryTable("Federated rounds", List.of("round", "accepted", "rejected", "aggregate accuracy"), rows)),
                accuracy,
                List.of(ReferenceLine.centralised(0.975)),
                new Dag(nodes, edges),
                List.of("Synthetic data generated by ReportPreview: no network was involved.",
                        "provider" + providers + " submits sign-flipped updates; the committee scores them near chance and the ledger rejects them."),
                "round (gossip: per " + Math.max(1, gossipUpdates / rounds) + " updates)");
    }
}
