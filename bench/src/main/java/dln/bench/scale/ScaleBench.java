package dln.bench.scale;

import dln.api.CountingTransport;
import dln.api.Tx;
import dln.api.view.ModelView;
import dln.bench.Table;
import dln.bench.consortium.InProcessConsortium;
import dln.bench.consortium.RandomDigits;
import dln.bench.reads.ReadsBench;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.training.TrainingListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Coordination as the consortium grows, on the in-process ledger (the real contracts, no network):
 * federated rounds with more providers and larger committees, training replaced by a fixed small
 * step ({@link FixedUpdate}), so that what is timed and counted is what the protocol itself costs:
 * the providers' reads, start-weight aggregation and submissions, the members' fetches,
 * evaluations and scores. A round's work is its scores, so the verdict is on CPU time and keys read
 * per score: flat means a round grows no faster than the updates actually scored. The table also
 * counts the transactions a round submits and how many of them follow one another on its critical
 * path (on a real network each waits for its block). Then the gossip
 * DAG's reads at 1,000 and 10,000 accepted updates ({@link ReadsBench}).
 */
@Command(name = "scale", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Time and ledger reads per federated round as providers and the committee grow, then gossip reads as the DAG grows (no network).",
                "Training is replaced by a fixed small step: the figures are coordination only. A configuration is 'ok' when its CPU time per score",
                "and per added score stay within --noise times the smallest configuration's per score, and its keys read per score within --tolerance."},
        footer = {"", "Exit status 1 when a configuration MISSED.", "", "Examples:", "  ./dln bench scale",
                "  ./dln bench scale --providers 4,16 --committees 3,5 --dag-sizes 1000 --rounds 2"})
public final class ScaleBench implements Callable<Integer> {

    @Option(names = "--providers", split = ",", defaultValue = "4,16,32,64", description = "providers per round, ascending, committee of 3 (default ${DEFAULT-VALUE})")
    int[] providers;
    @Option(names = "--committees", split = ",", defaultValue = "3,5,9", description = "committee sizes, ascending, with --committee-providers providers (default ${DEFAULT-VALUE})")
    int[] committees;
    @Option(names = "--committee-providers", defaultValue = "16", description = "providers per round while the committee grows (default ${DEFAULT-VALUE})")
    int committeeProviders;
    @Option(names = "--rounds", defaultValue = "3", description = "measured rounds per configuration, after one warm-up round (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--acceptance", defaultValue = "contribution:3", description = "threshold or contribution[:k], as for the demo (default ${DEFAULT-VALUE})")
    String acceptance;
    @Option(names = "--dag-sizes", split = ",", defaultValue = "1000,10000", description = "accepted gossip updates to measure reads at; none to skip (default ${DEFAULT-VALUE})")
    String[] dagSizes;
    @Option(names = "--tolerance", defaultValue = "1.5", description = "the most keys read per score may grow over the smallest configuration (default ${DEFAULT-VALUE})")
    double tolerance;
    @Option(names = "--noise", defaultValue = "1.25", description = "the most CPU time per score, and per added score, may exceed the smallest configuration's"
            + " (default ${DEFAULT-VALUE}; see the table's header)")
    double noise;

    private static final String PUBLISHER = "org1/User1";
    private static final int ORGANISATIONS = 3;
    private static final int FRAGMENT_EXAMPLES = 20;
    /** The committee while the providers grow: the demo network's three members. */
    private static final int PROVIDER_COMMITTEE = 3;

    @Override
    public Integer call() throws Exception {
        final LearningPolicy policy = checkOptions();
        // The JIT compiler warms up over the first configuration's rounds: measured cold, the
        // smallest configuration's cost per score, which every verdict is relative to, was twice
        // that of the same configuration measured later in the run. One configuration, discarded, first.
        if (!java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:+AlwaysPreTouch")) {
            // A thread's CPU time includes the page faults of heap it is first to touch: the
            // configuration that grows the heap measured up to 5x its cost (./dln bench scale touches it up front).
            System.out.println("note: the heap is not touched up front (java -Xms<max> -XX:+AlwaysPreTouch, as ./dln bench scale runs it): "
                    + "the configuration that first grows it pays its page faults");
        }
        System.out.println("warm-up (not measured):");
        measure(providers[0], PROVIDER_COMMITTEE, policy);
        final List<RoundCost> byProviders = new ArrayList<>();
        for (int p : providers) {
            byProviders.add(measure(p, PROVIDER_COMMITTEE, policy));
        }
        final List<RoundCost> byCommittee = new ArrayList<>();
        for (int c : committees) {
            byCommittee.add(measure(committeeProviders, c, policy));
        }
        final Table t = new Table("federated rounds, in-process ledger (real contracts), training replaced by a fixed step, one native thread; medians of "
                + rounds + " measured round(s) after a warm-up (counts: means). Verdict on CPU time with a machine each: per score, and per score"
                + " added, at most " + noise + "x the smallest configuration's per score (the smallest's per score carries the round's fixed cost,"
                + " so a linear round stays under 1.0x; the margin is for noise: one configuration's CPU time varied up to 1.8x within a run on a shared"
                + " 2-vCPU machine at load 25-35, its wall time 2.5x)", "providers", "committee", "scores / round",
                "round, a machine each (CPU ms)", "(wall ms)", "all work, one process (wall ms)", "CPU ms / score", "transactions / round",
                "sequential ledger waits / round", "ledger calls / round", "keys / provider step", "committee keys / score");
        final List<RoundCost> all = new ArrayList<>(byProviders);
        all.addAll(byCommittee);
        all.forEach(c -> t.row(Integer.toString(c.providers()), Integer.toString(c.committee()), Table.f("%.0f", c.scores()),
                Table.f("%,.0f", c.criticalCpuMillis()), Table.f("%,.0f", c.criticalMillis()), Table.f("%,.0f", c.millis()), Table.f("%.1f", c.cpuMillisPerScore()),
                Table.f("%.0f", c.transactions()), Table.f("%.0f", c.waits()), Table.f("%,.0f", c.calls()), Table.f("%.1f", c.keysPerStep()),
                Table.f("%.1f", c.keysPerScore())));
        t.print();
        System.out.println();
        final boolean flat = verdicts("providers", byProviders) & verdicts("committee", byCommittee);
        boolean gossipFlat = true;
        if (!(dagSizes.length == 1 && "none".equals(dagSizes[0]))) {
            System.out.println();
            System.out.println("gossip: ledger reads per step as the DAG grows (./dln bench reads)");
            gossipFlat = new CommandLine(new ReadsBench()).execute("--sizes", String.join(",", dagSizes)) == 0;
        }
        return flat && gossipFlat ? 0 : 1;
    }

    private LearningPolicy checkOptions() {
        if (!ascending(providers) || !ascending(committees)) {
            throw new IllegalArgumentException("--providers and --committees must be ascending positive counts, got "
                    + Arrays.toString(providers) + " and " + Arrays.toString(committees));
        }
        if (providers[0] < 2 || committeeProviders < 2) {
            throw new IllegalArgumentException("a round needs at least 2 providers (the committee scores each update against the others)");
        }
        if (rounds < 1 || tolerance < 1 || noise < 1) {
            throw new IllegalArgumentException("--rounds must be at least 1, --tolerance and --noise at least 1.0");
        }
        for (String s : dagSizes) {
            if (!s.equals("none") && !s.matches("[1-9][0-9]*")) {
                throw new IllegalArgumentException("--dag-sizes must be ascending positive counts or none, got " + String.join(",", dagSizes));
            }
        }
        return LearningPolicy.parse(acceptance, "claimed");
    }

    private static boolean ascending(final int[] v) {
        return v.length > 0 && v[0] >= 1 && Arrays.equals(v, Arrays.stream(v).sorted().distinct().toArray());
    }

    /** One configuration on a ledger of its own: a warm-up round, then {@link #rounds} measured ones. */
    private RoundCost measure(final int providerCount, final int committeeSize, final LearningPolicy policy) {
        final InProcessConsortium net = new InProcessConsortium();
        final List<String> committee = committee(committeeSize);
        // CPU time per participant is the time of its own thread: the native (OpenMP) work must run there too.
        dln.core.training.NativeThreads.pin(1);
        final List<CountingTransport> counters = new ArrayList<>();
        final List<CountingTransport> memberCounters = new ArrayList<>();
        final List<CountingTransport> providerCounters = new ArrayList<>();
        final List<CommitteeWorkflow> members = new ArrayList<>();
        final List<KeysByTransaction> memberKeys = new ArrayList<>();
        final List<ScoreTally> tallies = new ArrayList<>();
        for (String m : committee) {
            final ScoreTally tally = new ScoreTally(net.transport(m));
            tallies.add(tally);
            final KeysByTransaction k = new KeysByTransaction(tally, net.ledger().chain()::keysRead);
            memberKeys.add(k);
            final CountingTransport c = new CountingTransport(k);
            counters.add(c);
            memberCounters.add(c);
            members.add(new CommitteeWorkflow(net.participant(m, c), net.identity(m).key(), SanityLimits.DEFAULT, line -> { }));
        }
        final ModelSpec spec = BuiltinModels.mlp();
        final ModelView model = open(net, spec, committee, members, providerCount, policy);
        final List<ProviderWorkflow> workers = new ArrayList<>();
        final List<String> names = net.providers(providerCount);
        for (int i = 0; i < names.size(); i++) {
            final CountingTransport c = new CountingTransport(net.transport(names.get(i)));
            counters.add(c);
            providerCounters.add(c);
            final Participant p = net.participant(names.get(i), c);
            workers.add(new ProviderWorkflow(p, RandomDigits.of(10, i + 1), spec.training(), new FixedUpdate(i), i + 1, new TrainingListener() { },
                    line -> { }));
        }
        final double[] sums = new double[6];
        final double[] millis = new double[rounds];
        final double[] critical = new double[rounds];
        final double[] criticalCpu = new double[rounds];
        for (int r = 0; r <= rounds; r++) {
            final long calls0 = sum(counters, null);
            final long scores0 = scores(tallies);
            final long t0 = System.nanoTime();
            final long submits0 = submits(counters);
            final Phases p = round(net, model.id(), r + 1, workers, providerCounters, members, memberCounters);
            if (r > 0) {
                millis[r - 1] = (System.nanoTime() - t0) / 1e6;
                critical[r - 1] = p.criticalMillis();
                criticalCpu[r - 1] = p.criticalCpuMillis();
                sums[4] += submits(counters) - submits0;
                sums[5] += p.waits();
                sums[0] += sum(counters, null) - calls0;
                sums[1] += p.providerKeys();
                sums[2] += p.committeeKeys();
                sums[3] += scores(tallies) - scores0;
            }
        }
        // Times are medians (a shared machine's hiccup says nothing about the protocol), counts are means.
        final RoundCost cost = new RoundCost(providerCount, committeeSize, median(millis), median(critical), median(criticalCpu), sums[0] / rounds,
                sums[1] / rounds, sums[2] / rounds, sums[3] / rounds, sums[4] / rounds, sums[5] / rounds);
        System.out.println(Table.f("%3d providers, committee of %d: %,.0f ms per round here, %,.0f ms with a machine each (%,.0f ms CPU), %.0f scores,"
                + " %.0f transactions, %.0f of them one after another", providerCount, committeeSize, cost.millis(), cost.criticalMillis(),
                cost.criticalCpuMillis(), cost.scores(), cost.transactions(), cost.waits()));
        final java.util.Map<Tx, Long> byTx = new java.util.TreeMap<>();
        memberKeys.forEach(k -> k.keys().forEach((tx, n) -> byTx.merge(tx, n, Long::sum)));
        final double allScores = scores(tallies);
        System.out.println("    committee keys per score, all rounds: " + byTx.entrySet().stream().filter(e -> e.getValue() > 0)
                .map(e -> Table.f("%s %.1f", e.getKey().txName(), e.getValue() / allScores)).collect(java.util.stream.Collectors.joining(", ")));
        return cost;
    }

    /**
     * One round: its time had each participant a machine (wall and CPU), the keys each phase read,
     * and the transactions on its critical path: each waits for its block, so a participant's
     * transactions in one phase are waits one after another, while different participants' overlap.
     */
    private record Phases(double criticalMillis, double criticalCpuMillis, long providerKeys, long committeeKeys, long waits) {}

    /**
     * Every provider submits, then the members score until the round has closed. Each
     * participant's work is timed on its own, so the round's time had each had a machine is the
     * slowest provider, then each pass's slowest member.
     */
    private static Phases round(final InProcessConsortium net, final String modelId, final int number, final List<ProviderWorkflow> workers,
            final List<CountingTransport> providerCounters, final List<CommitteeWorkflow> members, final List<CountingTransport> memberCounters) {
        final java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        final long keys0 = net.ledger().chain().keysRead();
        long slowestProvider = 0;
        long slowestProviderCpu = 0;
        long providerWaits = 0;
        for (int i = 0; i < workers.size(); i++) {
            final ProviderWorkflow w = workers.get(i);
            final long s0 = submits(List.of(providerCounters.get(i)));
            final long c0 = threads.getCurrentThreadCpuTime();
            final long t0 = System.nanoTime();
            if (w.federatedStep(modelId).isEmpty()) {
                throw new IllegalStateException(w.participant().label() + " did not contribute to round " + number);
            }
            slowestProvider = Math.max(slowestProvider, System.nanoTime() - t0);
            slowestProviderCpu = Math.max(slowestProviderCpu, threads.getCurrentThreadCpuTime() - c0);
            providerWaits = Math.max(providerWaits, submits(List.of(providerCounters.get(i))) - s0);
        }
        final long keys1 = net.ledger().chain().keysRead();
        long passes = 0;
        long passesCpu = 0;
        long memberWaits = 0;
        for (int pass = 0; net.participant(PUBLISHER).ledger().getModel(modelId).currentRound() == number; pass++) {
            if (pass == 5) {
                throw new IllegalStateException("round " + number + " did not close after " + pass + " committee passes");
            }
            long slowestMember = 0;
            long slowestMemberCpu = 0;
            long mostSubmits = 0;
            for (int i = 0; i < members.size(); i++) {
                final long s0 = submits(List.of(memberCounters.get(i)));
                final long c0 = threads.getCurrentThreadCpuTime();
                final long t0 = System.nanoTime();
                members.get(i).scorePending(modelId);
                slowestMember = Math.max(slowestMember, System.nanoTime() - t0);
                slowestMemberCpu = Math.max(slowestMemberCpu, threads.getCurrentThreadCpuTime() - c0);
                mostSubmits = Math.max(mostSubmits, submits(List.of(memberCounters.get(i))) - s0);
            }
            passes += slowestMember;
            passesCpu += slowestMemberCpu;
            memberWaits += mostSubmits;
        }
        // The loop's own round check reads through the ledger too: counted with the committee, a few keys per pass.
        return new Phases((slowestProvider + passes) / 1e6, (slowestProviderCpu + passesCpu) / 1e6, keys1 - keys0,
                net.ledger().chain().keysRead() - keys1, providerWaits + memberWaits);
    }

    /** Transactions submitted (each waits for its block), refused ones included. */
    private static long submits(final List<CountingTransport> counters) {
        long n = 0;
        for (Tx tx : Tx.values()) {
            if (tx.submit()) {
                n += sum(counters, tx);
            }
        }
        return n;
    }

    private static ModelView open(final InProcessConsortium net, final ModelSpec spec, final List<String> committee,
            final List<CommitteeWorkflow> members, final int providerCount, final LearningPolicy policy) {
        final Participant publisher = net.participant(PUBLISHER);
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("bench scale", spec, "accuracy",
                "federated", "fedavg", committee.size() / 2 + 1, 0.0, "median", committee, RandomDigits.of(FRAGMENT_EXAMPLES * committee.size(), 0),
                providerCount, 3600, 2).with(policy));
        members.forEach(w -> w.reviewModel(m));
        final ModelView open = publisher.ledger().getModel(m.id());
        if (open.status() != dln.api.ModelStatus.OPEN) {
            throw new IllegalStateException("the committee did not open the model: " + open.status());
        }
        return open;
    }

    /** User2 of each organisation, then further users of each in turn. */
    private static List<String> committee(final int size) {
        final List<String> names = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            names.add("org" + (1 + i % ORGANISATIONS) + "/User" + (i < ORGANISATIONS ? 2 : 500 + i));
        }
        return names;
    }

    private static double median(final double[] v) {
        final double[] s = v.clone();
        Arrays.sort(s);
        return (s[(s.length - 1) / 2] + s[s.length / 2]) / 2;
    }

    private static long scores(final List<ScoreTally> tallies) {
        return tallies.stream().mapToLong(ScoreTally::scores).sum();
    }

    private static long sum(final List<CountingTransport> counters, final Tx tx) {
        return counters.stream().mapToLong(c -> tx == null ? c.calls() : c.calls(tx)).sum();
    }

    /**
     * One line per growing dimension and size. The round, a machine per participant, may grow at
     * most as the scores it needs (linearly), within the tolerance. The committee's keys per score
     * may not grow beyond the tolerance; a provider's step may read at most as many more keys as its
     * round has more parents (it reads each parent's record to aggregate and verify the round's
     * start: that is the design, a provider trusts no one's aggregate). Time per score in one
     * process is printed, not judged: there every provider aggregates the same parents one after
     * another, work that machines of their own do side by side.
     */
    private boolean verdicts(final String dimension, final List<RoundCost> costs) {
        final RoundCost base = costs.get(0);
        final double perScore = base.cpuMillisPerScore();
        boolean all = true;
        for (int k = 0; k < costs.size(); k++) {
            final RoundCost c = costs.get(k);
            final double growth = c.criticalCpuMillis() / base.criticalCpuMillis();
            final double allowed = noise * c.scores() / base.scores();
            // What each score added since the configuration before: a round of fixed cost a and b
            // per score costs at most (a + b s) / s per score at its smallest s, so a linear round's
            // added scores never cost more than the smallest round's scores; a superlinear one's do.
            final RoundCost before = k == 0 ? null : costs.get(k - 1);
            final double added = before == null || c.scores() <= before.scores() ? 0
                    : (c.criticalCpuMillis() - before.criticalCpuMillis()) / (c.scores() - before.scores()) / perScore;
            final double step = c.keysPerStep() / base.keysPerStep();
            final double stepAllowed = tolerance * c.providers() / base.providers();
            final double keys = c.keysPerScore() / base.keysPerScore();
            final boolean ok = growth <= allowed && added <= noise && step <= stepAllowed && keys <= tolerance;
            all &= ok;
            System.out.println(Table.f("%-9s %3d providers, committee %d: %-6s round %.2fx (limit %.2fx), an added score %.2fx the smallest's per score"
                    + " (limit %.2fx), provider step keys %.2fx (limit %.2fx), committee keys per score %.2fx (limit %.2fx)", dimension, c.providers(),
                    c.committee(), ok ? "ok" : "MISSED", growth, allowed, added, noise, step, stepAllowed, keys, tolerance));
        }
        return all;
    }
}
