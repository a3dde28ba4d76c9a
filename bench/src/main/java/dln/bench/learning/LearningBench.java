package dln.bench.learning;

import dln.bench.Table;
import dln.bench.consortium.InProcessConsortium;
import dln.core.ledger.ConnectionProfile;
import dln.core.training.TrainingListener;
import dln.session.consortium.Consortium;
import dln.session.consortium.NetworkConsortium;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.report.Dag;
import dln.session.report.ReportModel;
import dln.session.report.ReportWriter;
import dln.session.report.RoundPoint;
import dln.session.report.SummaryTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The evaluation harness: runs every entry of a plan as a real session (real clients' code paths,
 * the committee deciding through the chaincode) on the real network and IPFS, or with --offline
 * on the in-process ledger (the same contracts over an in-memory world state, a memory content
 * store); then prints the table, and writes a CSV of every round and an HTML report under the
 * output folder.
 */
@Command(name = "learning", mixinStandardHelpOptions = true,
        description = {"Centralised vs federated vs gossip, under attack, from an experiment plan,",
                "on the real network or (--offline) on the in-process ledger."},
        footer = {"", "Example:", "  ./dln bench learning --plan quick", "  ./dln bench learning --offline --plan matrix",
                "  ./dln bench learning --plan my-plan.yaml --out bench-results",
                "  ./dln bench learning --offline --plan matrix-subset --reference-pytorch"})
public final class LearningBench implements Callable<Integer> {

    @Option(names = "--plan", defaultValue = "quick", description = "quick, full, matrix, matrix-subset, targets, gossip, acceptance-seed7, acceptance-seed8, attacks-informed, defence-seed7, defence-seed8, defence-seed9, short-steps, flippers, trust, lone-attacker, attacks-8, attacks-16, sign-flip, attack-free, or a plan file (YAML or JSON)")
    String plan;
    @Option(names = "--offline", description = "run on the in-process ledger (the real chaincode contracts in this process, no network)")
    boolean offline;
    @Option(names = "--out", defaultValue = "bench-results", description = "output folder (default ${DEFAULT-VALUE})")
    Path out;
    @Option(names = "--check", description = "only validate the plan, run nothing")
    boolean check;
    @Option(names = "--reference-pytorch", description = {"also run plain FedAvg and the centralised baseline in PyTorch on each attack-free",
            "federated entry's exact data (creates the venv of ./dln bench engine --with-pytorch on first use)"})
    boolean referencePytorch;

    @Override
    public Integer call() throws Exception {
        final LearningPlan p = LearningPlan.load(plan);
        System.out.printf("plan %s: %d entries%n", p.name(), p.entries().size());
        if (check) {
            p.entries().forEach(e -> System.out.println("  " + e.label()));
            return 0;
        }
        final Supplier<Consortium> consortia = consortia();
        try (Consortium c = consortia.get()) {
            // Before anything trains: an entry with more providers than the network enrols fails here.
            for (int i = 0; i < p.entries().size(); i++) {
                try {
                    c.providers(p.entries().get(i).providers());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("entry " + (i + 1) + " (" + p.entries().get(i).label() + "): " + e.getMessage(), e);
                }
            }
        }
        final List<EntryResult> results = new ArrayList<>();
        final long start = System.nanoTime();
        final Path dir = out.resolve(p.name() + "-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(Instant.now()));
        Files.createDirectories(dir);
        System.out.println("results in " + dir + " (written after each entry)");
        // Each entry's rows are appended as it ends and the table rewritten: a long plan that stops
        // (a failure, a session's end) keeps every entry it finished.
        try (PrintWriter rounds = new PrintWriter(Files.newBufferedWriter(dir.resolve("rounds.csv")));
             PrintWriter scores = new PrintWriter(Files.newBufferedWriter(dir.resolve("scores.csv")))) {
            rounds.println(ROUNDS_HEADER);
            scores.println(SCORES_HEADER);
            for (int i = 0; i < p.entries().size(); i++) {
                final PlanEntry e = p.entries().get(i);
                // A consortium per entry: in-process, each entry starts from an empty ledger and store.
                try (Consortium c = consortia.get()) {
                    System.out.printf("%n[%d/%d] %s (%s)%n", i + 1, p.entries().size(), e.label(), c.ledgerName());
                    final long t0 = System.nanoTime();
                    final LearningSession.Result r = new LearningSession(e.session(), c, line -> System.out.println("  " + line),
                            who -> new TrainingListener() { }).withScores().on(e.data()).run();
                    final EntryResult done = new EntryResult(e, c.ledgerName(), r, (System.nanoTime() - t0) / 1e9);
                    results.add(done);
                    roundRows(done, rounds);
                    decisionRows(done, scores);
                    rounds.flush();
                    scores.flush();
                    if (i + 1 < p.entries().size()) {
                        Files.writeString(dir.resolve("table.txt"), table(results) + String.format(Locale.ROOT, "%d of %d entries so far%n", i + 1,
                                p.entries().size()));
                    }
                }
            }
        }
        final String table = table(results) + (referencePytorch ? reference(results) : "");
        System.out.printf(Locale.ROOT, "%n%s%nplan %s took %.1f min; results in %s%n", table, p.name(), (System.nanoTime() - start) / 6e10, dir);
        Files.writeString(dir.resolve("table.txt"), table);
        report(p, results, dir.resolve("report.html"));
        return 0;
    }

    /** Where the entries run: a new in-process consortium each time, or the network of the default profile (loaded once). */
    private Supplier<Consortium> consortia() {
        if (offline) {
            // The shim scans the classpath for the contracts once per process: a pause worth a line.
            System.out.println("starting the in-process ledger (the real chaincode contracts, no network)");
            return InProcessConsortium::new;
        }
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        return () -> new NetworkConsortium(profile);
    }

    /** dln beside plain FedAvg in PyTorch on the same data, per attack-free federated entry. */
    private static String reference(final List<EntryResult> results) throws IOException, InterruptedException {
        System.out.println("\nPyTorch reference: plain FedAvg and centralised on each entry's data");
        final PytorchReference torch = PytorchReference.prepare();
        final Table t = new Table("dln and PyTorch on the same data", "configuration", "dln", "pytorch fedavg", "dln central", "pytorch central",
                "dln - pytorch", "dln wall", "pytorch wall", "wall dln/pytorch");
        for (EntryResult r : results) {
            if (PytorchReference.applies(r.entry())) {
                final PytorchReference.Figures f = torch.run(r.entry());
                System.out.printf(Locale.ROOT, "  %s: pytorch fedavg %.2f%%, centralised %.2f%%%n", r.entry().label(), 100 * f.federated(),
                        100 * f.centralised());
                t.row(r.entry().label(), Table.f("%.2f%%", 100 * r.finalAccuracy()), Table.f("%.2f%%", 100 * f.federated()),
                        Table.f("%.2f%%", 100 * r.centralised()), Table.f("%.2f%%", 100 * f.centralised()),
                        Table.f("%+.2f", 100 * (r.finalAccuracy() - f.federated())), Table.f("%.1fs", r.seconds()),
                        Table.f("%.1fs", f.seconds()), Table.f("%.2fx", r.seconds() / f.seconds()));
            }
        }
        return "\n" + t.render() + "pytorch: plain FedAvg (sample-weighted mean, fresh Adam per round at the recipe's lr and batch, no server optimiser\n"
                + "whatever the entry's) and centralised training (same total epochs, the built-in recipe, as dln's baseline) from dln's initial\n"
                + "weights on the same partitions and test set; no committee, no weighting policy. wall: the whole entry (both runs, each\n"
                + "round's test evaluation), dln with its committee, ledger and store on the launcher's native threads, PyTorch on one.\n";
    }

    static String table(final List<EntryResult> results) {
        final boolean alone = results.stream().anyMatch(r -> r.entry().alone());
        final List<String> columns = new ArrayList<>(List.of("configuration", "ledger", "accuracy", "gap pt", "poisoned", "neutral", "honest", "to tgt",
                "wall", "coord", "target"));
        if (alone) {
            columns.addAll(List.of("alone pt", "defence"));
        }
        columns.add("model");
        final Table t = new Table("results", columns.toArray(String[]::new));
        final List<Outcome> outcomes = results.stream().map(Outcome::of).toList();
        for (int i = 0; i < results.size(); i++) {
            final EntryResult r = results.get(i);
            final Outcome o = outcomes.get(i);
            final List<String> cells = new ArrayList<>(List.of(r.entry().label(), r.ledger(), Table.f("%.2f%%", 100 * r.finalAccuracy()),
                    Table.f("%.2f", r.gapPoints()), pct(r.poisonedRejected()), pct(r.poisonedNeutralised()), pct(r.honestAccepted()),
                    r.stepsToTarget() < 0 ? "-" : Integer.toString(r.stepsToTarget()), Table.f("%.0fs", r.seconds()),
                    Table.f("%.1f%%", 100 * r.coordinationShare()), Targets.verdict(o, outcomes)));
            if (alone) {
                final Optional<Outcome> a = Targets.aloneTwin(o, outcomes);
                cells.add(a.map(f -> Table.f("%.2f", 100 * (f.accuracy() - o.accuracy()))).orElse("-"));
                cells.add(a.isPresent() ? Targets.defence(o, outcomes) : "-");
            }
            cells.add(r.modelId());
            t.row(cells.toArray(String[]::new));
        }
        return t.render()
                + "ledger: fabric (the real network) or in-process (the same contracts over an in-memory world state);\n"
                + "gap pt: centralised minus final accuracy, in points; poisoned: malicious updates rejected; neutral: rejected, or accepted\n"
                + "with a measured contribution no worse than the worst accepted honest update of its round; honest: honest updates accepted\n"
                + "(a provider with nothing left to learn abstains from a round instead: no update; the round lines count them);\n"
                + "to tgt: first round/step at 95% (MLP) or 97% (LeNet); target: the design's target for this row (ok / MISSED), an attack\n"
                + "judged against its twin with every provider honest"
                + (alone ? ";\nalone pt: the honest providers alone (the attackers' seats empty, their data absent) minus this row, in points;\n"
                        + "defence: the attack target judged against that twin instead (sample inflation, whose update is honest work, against\n"
                        + "the all-honest twin): what a defence can keep, since an attacker's data never reaches the others.\n" : ".\n")
                + SeedMeans.table(outcomes);
    }

    static String pct(final double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.0f%%", 100 * v);
    }

    private static final String ROUNDS_HEADER =
            "configuration,ledger,model_id,phase,step,accepted,rejected,poisoned,poisoned_rejected,test_accuracy,train_ms,ipfs_ms,ledger_ms,wait_ms,round_ms";

    private static void roundRows(final EntryResult r, final PrintWriter w) {
        for (RoundRow row : r.rows()) {
            w.printf(Locale.ROOT, "\"%s\",%s,%s,%s,%d,%d,%d,%d,%d,%.4f,%d,%d,%d,%d,%d%n", r.entry().label(), r.ledger(), r.modelId(), row.phase(), row.step(),
                    row.accepted(), row.rejected(), row.poisoned(), row.poisonedRejected(), row.testAccuracy(), row.trainMillis(),
                    row.ipfsMillis(), row.ledgerMillis(), row.waitMillis(), row.roundMillis());
        }
    }

    private static final String SCORES_HEADER = "configuration,ledger,update,round,submitter,poisoned,status,update_contribution,member,value,"
            + "contribution,se,t,cosine,step_ratio,copies,best_class,step_spread,alone_best_class,alone_harmed,trend,shift,reason";

    /**
     * One line per recorded committee score of every decided update: what each member measured and
     * what the chaincode decided from it, so a row's acceptance can be audited (and a defence
     * tuned) without replaying the run.
     */
    private static void decisionRows(final EntryResult r, final PrintWriter w) {
        final List<dln.api.view.UpdateView> updates = new ArrayList<>(r.session().federatedUpdates());
        updates.addAll(r.session().gossipUpdates());
        for (dln.api.view.UpdateView u : updates) {
            for (dln.api.view.ScoreView s : r.session().scores().getOrDefault(u.id(), List.of())) {
                final Double t = s.contribution() == null || s.contributionSe() == null || s.contributionSe() == 0 ? null
                        : s.contribution() / s.contributionSe();
                w.printf(Locale.ROOT, "\"%s\",%s,%s,%d,%s,%b,%s,%s,%s,%.6f,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,%s,\"%s\"%n", r.entry().label(), r.ledger(), u.id(), u.round(),
                        identity(u.submitter()), r.session().poisonedIds().contains(u.id()), u.status(), num(u.contribution()),
                        identity(s.member()), s.value(), num(s.contribution()), num(s.contributionSe()), num(t), num(s.contributionCosine()),
                        num(s.contributionStepRatio()), s.contributionCopies() == null ? "" : s.contributionCopies(), num(s.contributionBestClass()),
                        num(s.contributionStepSpread()), num(s.contributionAloneBestClass()), num(s.contributionAloneHarmed()),
                        num(s.contributionTrend()), num(s.contributionShift()),
                        s.reason() == null ? "" : s.reason().replace('"', '\''));
            }
        }
    }

    /** An identity as its MSP and a short digest of its certificate's subject: stable, and short enough to read. */
    private static String identity(final dln.api.view.LedgerIdentity id) {
        return id.mspId() + ":" + Integer.toHexString(id.x509Id().hashCode());
    }

    private static String num(final Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.6g", v);
    }

    private static void report(final LearningPlan p, final List<EntryResult> results, final Path file) throws IOException {
        final List<RoundPoint> points = new ArrayList<>();
        final List<List<String>> rows = new ArrayList<>();
        final List<Outcome> outcomes = results.stream().map(Outcome::of).toList();
        for (int i = 0; i < results.size(); i++) {
            final EntryResult r = results.get(i);
            for (RoundRow row : r.rows()) {
                points.add(new RoundPoint(r.entry().label(), row.step(), row.testAccuracy()));
            }
            rows.add(List.of(r.entry().label(), r.ledger(), String.format(Locale.ROOT, "%.2f%%", 100 * r.finalAccuracy()),
                    String.format(Locale.ROOT, "%.2f", r.gapPoints()), pct(r.poisonedRejected()), pct(r.honestAccepted()), Targets.verdict(outcomes.get(i), outcomes),
                    r.modelId()));
        }
        final SummaryTable table = new SummaryTable("Plan " + p.name(),
                List.of("configuration", "ledger", "final accuracy", "gap to centralised (points)", "poisoned rejected", "honest accepted", "target", "model"), rows);
        final List<List<String>> means = SeedMeans.cells(outcomes);
        final List<SummaryTable> tables = means.isEmpty() ? List.of(table)
                : List.of(table, new SummaryTable("Means over seeds (the same targets on each configuration's means)", SeedMeans.HEADER, means));
        new ReportWriter().write(new ReportModel("dln evaluation: " + p.name(), tables, points,
                List.of(dln.session.report.ReferenceLine.centralised(results.get(0).centralised())), Dag.empty(),
                List.of(note(results))), file);
    }

    /** Where the numbers come from, for the report. */
    private static String note(final List<EntryResult> results) {
        final List<String> ledgers = results.stream().map(EntryResult::ledger).distinct().toList();
        return "Each configuration ran on the ledger its row names (" + String.join(", ", ledgers) + "): fabric is the real network,"
                + " in-process the real chaincode contracts over an in-memory world state with a memory content store;"
                + " its model id traces every number to its ledger records.";
    }
}
