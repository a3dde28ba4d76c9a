package dln.bench.reads;

import dln.api.CountingTransport;
import dln.api.DlnLedger;
import dln.api.UpdateStatus;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.bench.Table;
import dln.bench.consortium.InProcessConsortium;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.GossipParents;
import dln.core.protocol.ParentSelector;
import dln.core.protocol.SanityLimits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Ledger reads per protocol step as a gossip DAG grows, on the in-process ledger (the real
 * contracts, no network): a provider's parent choice and a committee member's pass must cost the
 * same at 5,000 accepted updates as at 100. The steps as they were before (listing every update,
 * one score read per pending update) are measured beside them for comparison.
 */
@Command(name = "reads", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ledger calls, keys read and time per gossip step and per committee pass as the DAG grows (no network).",
                "Builds one gossip model on the in-process ledger (no training: updates with distinct CIDs, accepted by two members).",
                "A size is 'ok' when the bounded steps read at most --tolerance times the keys and calls they read at the first size."},
        footer = {"", "Exit status 1 when a size MISSED flatness.", "", "Examples:", "  ./dln bench reads",
                "  ./dln bench reads --sizes 100,1000,5000,10000 --repeat 50"})
public final class ReadsBench implements Callable<Integer> {

    @Option(names = "--sizes", split = ",", defaultValue = "100,1000,5000", description = "accepted updates to measure at, ascending (default ${DEFAULT-VALUE})")
    int[] sizes;
    @Option(names = "--repeat", defaultValue = "20", description = "repetitions of each step per size; time is their median (default ${DEFAULT-VALUE})")
    int repeat;
    @Option(names = "--pending", defaultValue = "5", description = "pending updates the watched member already scored (default ${DEFAULT-VALUE})")
    int pending;
    @Option(names = "--tolerance", defaultValue = "1.2", description = "the most keys and calls may grow over the first size (default ${DEFAULT-VALUE})")
    double tolerance;

    private static final long PROVIDER_SEED = 7;
    private static final String GOSSIP = "gossip parent choice";
    private static final String COMMITTEE = "committee pass";
    private static final String GOSSIP_BEFORE = GOSSIP + " before (lists every update)";
    private static final String COMMITTEE_BEFORE = COMMITTEE + " before (scores of each pending)";

    /** A step measured through a ledger that counts its calls. */
    private record Step(String name, boolean bounded, Function<DlnLedger, Runnable> make) {}

    @Override
    public Integer call() {
        checkOptions();
        final InProcessConsortium net = new InProcessConsortium();
        final GossipDag dag = GossipDag.open(net);
        dag.addPending(pending);
        final List<Step> steps = steps(net, dag.model());
        final Map<Integer, Map<String, StepCost>> costs = new LinkedHashMap<>();
        for (int size : sizes) {
            final long t0 = System.nanoTime();
            dag.growTo(size);
            System.out.println(Table.f("built %,d accepted updates (+%d pending) in %.1f s", size, pending, (System.nanoTime() - t0) / 1e9));
            final Map<String, StepCost> at = new LinkedHashMap<>();
            if (costs.isEmpty()) {
                // A throw-away round first: the first size's times would otherwise be the JIT compiler's.
                steps.forEach(s -> measure(net, s, repeat));
            }
            for (Step s : steps) {
                at.put(s.name(), measure(net, s, 3));
            }
            costs.put(size, at);
        }
        table(costs).print();
        return verdicts(costs, steps) ? 0 : 1;
    }


    private void checkOptions() {
        if (sizes.length == 0 || sizes[0] < 1 || !Arrays.equals(sizes, Arrays.stream(sizes).sorted().distinct().toArray())) {
            throw new IllegalArgumentException("--sizes must be ascending positive counts, got " + Arrays.toString(sizes));
        }
        if (repeat < 1 || pending < 1 || tolerance < 1) {
            throw new IllegalArgumentException("--repeat and --pending must be at least 1, --tolerance at least 1.0");
        }
    }

    private List<Step> steps(final InProcessConsortium net, final ModelView model) {
        final ParentSelector selector = ParentSelector.recent(model.higherIsBetter());
        final String member = GossipDag.WATCHED_MEMBER;
        final List<Step> steps = new ArrayList<>();
        steps.add(new Step(GOSSIP, true, ledger -> () -> {
            final ModelView m = ledger.getModel(model.id());
            GossipParents.choose(ledger, m, selector, PROVIDER_SEED);
        }));
        steps.add(new Step(COMMITTEE, true, ledger -> {
            final CommitteeWorkflow w = new CommitteeWorkflow(net.participant(member, ledger.transport()), net.identity(member).key(),
                    SanityLimits.DEFAULT, line -> { });
            return () -> {
                if (!w.scorePending(model.id()).isEmpty()) {
                    throw new IllegalStateException("the watched member scored something: it should only have looked");
                }
            };
        }));
        steps.add(new Step(GOSSIP_BEFORE, false, ledger -> () -> {
            final ModelView m = ledger.getModel(model.id());
            final List<UpdateView> accepted = ledger.listUpdates(model.id(), 0, UpdateStatus.ACCEPTED);
            final long mine = ledger.listUpdates(model.id(), 0, null).stream().filter(u -> ledger.identity().equals(u.submitter())).count();
            selector.choose(accepted, m.gossip().maxParents(), PROVIDER_SEED * 1_000_003L + mine);
        }));
        steps.add(new Step(COMMITTEE_BEFORE, false, ledger -> () -> {
            ledger.getModel(model.id());
            for (UpdateView u : ledger.listUpdates(model.id(), 0, UpdateStatus.PENDING)) {
                ledger.getScores(u.id()).stream().anyMatch(s -> ledger.identity().equals(s.member()));
            }
        }));
        return steps;
    }

    /** Runs the step {@code warmUp} times, then {@code repeat} times: their mean calls and keys, their median time. */
    private StepCost measure(final InProcessConsortium net, final Step step, final int warmUp) {
        final String who = step.name().startsWith(COMMITTEE) ? GossipDag.WATCHED_MEMBER : GossipDag.WATCHED_PROVIDER;
        final CountingTransport counting = new CountingTransport(net.transport(who));
        final Runnable run = step.make().apply(new DlnLedger(counting));
        for (int i = 0; i < warmUp; i++) {
            run.run();
        }
        final long calls = counting.calls();
        final long keys = net.ledger().chain().keysRead();
        final long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            final long t0 = System.nanoTime();
            run.run();
            nanos[i] = System.nanoTime() - t0;
        }
        // The median: a collection during one run says nothing about the step.
        Arrays.sort(nanos);
        final double millis = (nanos[(repeat - 1) / 2] + nanos[repeat / 2]) / 2e6;
        return new StepCost((double) (counting.calls() - calls) / repeat, (double) (net.ledger().chain().keysRead() - keys) / repeat, millis);
    }

    private static Table table(final Map<Integer, Map<String, StepCost>> costs) {
        final Table t = new Table("ledger reads per step (in-process ledger, real contracts)",
                "step", "accepted updates", "ledger calls / step", "keys read / step", "median time / step (ms)");
        costs.forEach((size, at) -> at.forEach((name, c) -> t.row(name, Table.f("%,d", size), Table.f("%.0f", c.calls()),
                Table.f("%,.0f", c.keys()), Table.f("%.3f", c.millis()))));
        return t;
    }

    /** One line per size: ok when every bounded step stays within the tolerance of the first size. */
    private boolean verdicts(final Map<Integer, Map<String, StepCost>> costs, final List<Step> steps) {
        final Map<String, StepCost> base = costs.get(sizes[0]);
        boolean allFlat = true;
        System.out.println();
        for (Map.Entry<Integer, Map<String, StepCost>> e : costs.entrySet()) {
            final StringBuilder detail = new StringBuilder();
            boolean flat = true;
            for (Step s : steps) {
                if (!s.bounded()) {
                    continue;
                }
                final StepCost c = e.getValue().get(s.name());
                final StepCost b = base.get(s.name());
                flat &= c.flatAgainst(b, tolerance);
                detail.append(detail.length() == 0 ? "" : "; ").append(Table.f("%s: %.0f calls, %,.0f keys = %.2fx", s.name(), c.calls(),
                        c.keys(), c.keys() / b.keys()));
            }
            allFlat &= flat;
            System.out.println(Table.f("flat at %,6d accepted: %-6s (%s; keys against %,d accepted, limit %.2fx)", e.getKey(),
                    flat ? "ok" : "MISSED", detail, sizes[0], tolerance));
        }
        return allFlat;
    }
}
