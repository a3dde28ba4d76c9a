package dln.committee;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.core.ledger.view.LedgerIdentity;
import dln.core.ledger.view.ModelView;
import dln.core.protocol.CommitteeWorkflow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.hyperledger.fabric.client.ChaincodeEvent;
import org.hyperledger.fabric.client.CloseableIterator;
import org.hyperledger.fabric.client.FileCheckpointer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Listen to the chaincode's events: vote on models naming this member, score every update of them. "
                + "Resumes from the last handled block after a restart (checkpoint under .dln/clients/committee/).",
        footer = {"", "Example:", "  ./dln committee serve --identity org2/User2"})
final class ServeCommand implements Callable<Integer> {

    @Mixin
    MemberOptions member;

    @Override
    public Integer call() throws Exception {
        final CommitteeWorkflow w = member.connect();
        final Path dir = member.stateDir();
        Files.createDirectories(dir);
        final LedgerIdentity self = w.participant().identity();
        System.out.println(member.who + ": serving; checkpoint " + dir.resolve("events.checkpoint"));
        // Catch up first: anything published or submitted while this member was away. Votes come
        // before scores, so a model waiting for its committee is not held up by a backlog of
        // updates to score elsewhere.
        final List<ModelView> mine = w.participant().ledger().listModels().stream().filter(m -> m.member(self).isPresent()).toList();
        for (ModelView m : mine) {
            if ("proposed".equals(m.status())) {
                w.reviewModel(m);
            }
        }
        for (ModelView m : mine) {
            if ("proposed".equals(m.status()) || "open".equals(m.status())) {
                w.scorePending(m.id()).forEach(ReviewCommand::print);
            }
        }
        try (FileCheckpointer checkpoint = new FileCheckpointer(dir.resolve("events.checkpoint"));
             CloseableIterator<ChaincodeEvent> events = w.participant().ledger().client().events(checkpoint, 0)) {
            while (events.hasNext()) {
                final ChaincodeEvent e = events.next();
                for (String modelId : modelIds(e)) {
                    final ModelView m = w.participant().ledger().findModel(modelId).orElse(null);
                    if (m != null && m.member(self).isPresent()) {
                        handle(w, modelId);
                    }
                }
                checkpoint.checkpointChaincodeEvent(e);
            }
        } finally {
            w.participant().close();
        }
        return 0;
    }

    private static void handle(final CommitteeWorkflow w, final String modelId) {
        w.reviewModel(w.participant().ledger().getModel(modelId));
        w.scorePending(modelId).forEach(ReviewCommand::print);
    }

    /** The models an event touches, from its "changes" list (docs/ledger.md, Events). */
    static Set<String> modelIds(final ChaincodeEvent e) {
        final Set<String> ids = new LinkedHashSet<>();
        try {
            final JsonObject payload = JsonParser.parseString(new String(e.getPayload(), StandardCharsets.UTF_8)).getAsJsonObject();
            if (payload.has("changes")) {
                for (JsonElement c : payload.getAsJsonArray("changes")) {
                    final JsonObject o = c.getAsJsonObject();
                    if (o.has("modelId")) {
                        ids.add(o.get("modelId").getAsString());
                    }
                }
            }
        } catch (RuntimeException ignored) {
            // Not a dln event (the probe contract emits none): nothing to do.
        }
        return ids;
    }
}
