package dln.publisher;

import dln.api.UpdateStatus;
import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "status", mixinStandardHelpOptions = true, description = "A model's state: rounds, updates, scores.",
        footer = {"", "Example:", "  ./dln publisher status m-0123abcd..."})
final class StatusCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;
    @Parameters(paramLabel = "MODEL", description = "model id")
    String modelId;
    @picocli.CommandLine.Option(names = "--test", description = "also show each closed round's (or the gossip head's) accuracy on this data, e.g. mnist:test, images:pets:test")
    String test;

    @Override
    public Integer call() throws Exception {
        final ConnectionProfile profile = client.profile();
        if (test != null) {
            dln.core.protocol.DataSource.requireFile(test);
        }
        try (dln.core.protocol.Participant me = client.connect(profile, client.identityOr(profile.roles().publisher()))) {
            final DlnLedger ledger = me.ledger();
            final ModelView m = ledger.getModel(modelId);
            // A test file or folder goes through the model's recipe, as a provider's data does (an image folder needs its
            // classes and size); a named dataset is prepared from seed 7 as before.
            final boolean named = test != null && test.indexOf(':') > 0
                    && dln.core.data.NamedDatasets.names().contains(test.substring(0, test.indexOf(':')));
            final dln.core.data.Dataset testData = test == null ? null : dln.core.protocol.DataSource.load(test, 7,
                    named ? null : dln.core.model.TrainingSpec.of(m.trainingRecipe()).preprocessing());
            final Accuracy accuracy = new Accuracy(me, m, testData);
            System.out.printf("%s  %s  %s  %s  rule %s  quorum %d  threshold %.3f%n", m.id(), m.name(), m.mode(), m.status(),
                    m.aggregation().rule(), m.acceptance().quorum(), m.acceptance().threshold());
            System.out.printf("weighting %s%n", dln.core.protocol.LearningPolicy.describe(m.weightingOrClaimed()));
            System.out.printf("training recipe %s: %s%n", m.recipeHash() == null ? "(default)" : m.recipeHash().substring(0, 12),
                    dln.core.model.TrainingSpec.of(m.trainingRecipe()).describe());
            final List<UpdateView> updates = ledger.listUpdates(modelId, 0, null);
            if (m.federated()) {
                // abstained: providers whose training left the model where it was took their turn without an update.
                System.out.printf("%-6s %-7s %8s %8s %8s %9s %9s %9s  %s%n", "round", "status", "accepted", "rejected", "pending", "abstained", "best",
                        "test acc", "aggregate");
                for (int r = 1; r <= m.currentRound(); r++) {
                    final int round = r;
                    final dln.api.DlnLedger.RoundRecord record = ledger.getRoundRecord(modelId, r);
                    final RoundView rv = record.round();
                    final List<UpdateView> in = updates.stream().filter(u -> u.round() == round).toList();
                    System.out.printf(Locale.ROOT, "%-6d %-7s %8d %8d %8d %9d %9s %9s  %s%n", r, rv.status(), count(in, UpdateStatus.ACCEPTED),
                            count(in, UpdateStatus.REJECTED), count(in, UpdateStatus.PENDING), record.abstentions().size(), best(in),
                            rv.open() ? "-" : accuracy.of(rv.handsOn()),
                            rv.aggregate() == null ? "-" : rv.aggregate().cid());
                }
            }
            if (m.securelyAggregated() && m.status() == dln.api.ModelStatus.OPEN) {
                // A round that waits for a provider that dropped out says so (and `advance` moves it on).
                System.out.println("secure round " + m.currentRound() + ": " + ledger.getSecureRound(modelId, m.currentRound()).round().standing());
            }
            if (!m.federated()) {
                // The model is the merge its next step would start from (what export writes), of which the head is one parent.
                final java.util.List<UpdateView> window = dln.core.protocol.GossipParents.window(ledger, m);
                final java.util.List<String> current = dln.core.protocol.GossipParents.current(window, m);
                dln.core.protocol.ParentSelector.head(window, m.higherIsBetter())
                        .ifPresent(h -> System.out.println("head " + h.id() + "  score " + (h.score() == null ? "-" : String.format(Locale.ROOT, "%.4f", h.score()))
                                + "  model: merge of " + current.size() + " accepted update" + (current.size() == 1 ? "" : "s")
                                + "  test accuracy " + accuracy.of(current)));
            }
            // track: the provider's accepted / rejected updates on the model when it submitted (what trust weighting reads).
            System.out.printf("%-14s %-18s %-9s %7s %6s %7s  %s%n", "update", "provider", "status", "score", "round", "track", "parents");
            for (UpdateView u : updates) {
                System.out.printf(Locale.ROOT, "%-14s %-18s %-9s %7s %6s %7s  %s%n", shortId(u.id()), u.submitter().shortName(), u.status(),
                        u.score() == null ? "-" : String.format(Locale.ROOT, "%.4f", u.score()), u.round() == 0 ? "-" : Integer.toString(u.round()),
                        u.track() == null ? "-" : u.track().accepted() + "/" + u.track().rejected(),
                        String.join(",", u.parents().stream().map(StatusCommand::shortId).toList()));
            }
            // Why the committee turned updates down, from the reasons members recorded with their scores.
            for (UpdateView u : updates) {
                if (u.status() == UpdateStatus.REJECTED) {
                    ledger.getScores(u.id()).stream().filter(sc -> sc.reason() != null && !sc.reason().isBlank()).forEach(sc ->
                            System.out.printf(Locale.ROOT, "%-14s rejected by %s: %s%n", shortId(u.id()), sc.member().shortName(), sc.reason()));
                }
            }
        }
        return 0;
    }

    /** Test accuracy of the aggregate of some updates, or "-" when no test data was given. */
    private record Accuracy(dln.core.protocol.Participant me, ModelView model, dln.core.data.Dataset data) {
        String of(final List<String> parents) {
            if (data == null) {
                return "-";
            }
            final dln.core.protocol.ModelContext ctx = dln.core.protocol.ModelContext.of(model);
            final float[] w = new dln.core.protocol.Aggregates(me, s -> { }).aggregate(ctx, parents);
            final dln.core.evaluation.Evaluator evaluator = new dln.core.evaluation.Evaluator(ctx.plan());
            if (data.isRegression()) {
                // In units of the target's training standard deviation, as the committee scores it.
                return String.format(Locale.ROOT, "RMSE %.3f", evaluator.regression(w, data).rmse());
            }
            return String.format(Locale.ROOT, "%.2f%%", 100 * evaluator.evaluate(w, data).accuracy());
        }
    }

    private static long count(final List<UpdateView> us, final UpdateStatus status) {
        return us.stream().filter(u -> u.status() == status).count();
    }

    private static String best(final List<UpdateView> us) {
        return us.stream().filter(u -> u.score() != null).mapToDouble(UpdateView::score).max()
                .stream().mapToObj(d -> String.format(Locale.ROOT, "%.4f", d)).findFirst().orElse("-");
    }

    private static String shortId(final String id) {
        return id.length() > 14 ? id.substring(0, 14) : id;
    }
}
