package dln.publisher;

import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.core.model.MultiLayerNetworkExport;
import dln.core.protocol.Aggregates;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a model state as a standard DL4J MultiLayerNetwork zip (ModelSerializer.restoreMultiLayerNetwork loads it).",
        footer = {"", "Example:", "  ./dln publisher export m-0123abcd... --round 3 --out model.zip"})
final class ExportCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;
    @Parameters(paramLabel = "MODEL")
    String modelId;
    @Option(names = "--round", description = "federated: the aggregate of this round's accepted updates (default: the last closed round)")
    Integer round;
    // Text, not a Path: a Path drops the trailing slash of "models/", which is how a user names a folder.
    @Option(names = "--out", defaultValue = "model.zip", description = "output file (default ${DEFAULT-VALUE})")
    String outText;

    /** The output names a file in an existing folder: checked before anything is read. */
    private Path checkOut() {
        final String text = outText;
        final Path out = Path.of(text);
        if (Files.isDirectory(out) || text.endsWith("/") || text.endsWith(java.io.File.separator)) {
            throw new IllegalArgumentException("--out " + text + " is a folder; name a file, e.g. --out " + out.resolve("model.zip"));
        }
        final Path folder = out.toAbsolutePath().getParent();
        if (folder != null && !Files.isDirectory(folder)) {
            throw new IllegalArgumentException("--out " + text + ": the folder " + folder + " does not exist; create it or name another file");
        }
        return out;
    }

    @Override
    public Integer call() throws Exception {
        final Path out = checkOut();
        final ConnectionProfile profile = client.profile();
        try (Participant me = client.connect(profile, client.identityOr(profile.roles().publisher()))) {
            final ModelView m = me.ledger().getModel(modelId);
            final ModelContext ctx = ModelContext.of(m);
            final Aggregates agg = new Aggregates(me, System.err::println);
            final List<String> parents;
            final String what;
            if (m.federated()) {
                final int r = round != null ? round : Math.max(1, m.currentRound() - 1);
                if (r < 1 || r > m.currentRound()) {
                    throw new IllegalArgumentException("round " + r + " does not exist; model " + modelId + " is in round " + m.currentRound());
                }
                final RoundView rv = me.ledger().getRound(modelId, r);
                if (rv.open()) {
                    throw new IllegalArgumentException("round " + r + " is still open; export a closed round (or omit --round)");
                }
                parents = rv.handsOn();
                what = "aggregate of round " + r;
            } else {
                // The gossip model is the merge its next step would start from, not the head alone.
                parents = dln.core.protocol.GossipParents.current(me.ledger(), m);
                if (parents.isEmpty()) {
                    throw new IllegalArgumentException("model " + modelId + " has no accepted update yet");
                }
                what = parents.size() == 1 ? "update " + parents.get(0) : "merge of " + parents.size() + " accepted updates";
            }
            MultiLayerNetworkExport.writeZip(ctx.plan(), agg.aggregate(ctx, parents), out.toFile());
            System.out.println("wrote " + what + " of " + modelId + " to " + out);
        }
        return 0;
    }
}
