package dln.provider;

import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.role.ProviderService;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "One step: fetch and verify the parents, aggregate, train, upload, record the update.",
        footer = {"", "Example:", "  ./dln provider train m-0123abcd... --identity org2/User3 --data mnist:train:dirichlet:0.5:2/4"})
final class TrainCommand implements Callable<Integer> {

    @Mixin
    ProviderOptions options;

    @Override
    public Integer call() throws Exception {
        try (Participant me = options.connect(); dln.cli.TrainingProgress progress = dln.cli.TrainingProgress.forConsole()) {
            // Local inputs first: a missing data file is reported before anything is asked of the network.
            final ProviderWorkflow w = options.workflow(me, progress);
            final ModelView m = me.ledger().getModel(options.modelId);
            if (m.status() != ModelStatus.OPEN) {
                throw new IllegalArgumentException("model " + options.modelId + " is " + m.status() + "; updates need an open model");
            }
            final Optional<ProviderWorkflow.Outcome> o = new ProviderService(w, me.ledger().events(), Duration.ZERO).stepNow(m);
            if (o.isEmpty()) {
                System.out.println("already contributed to round " + m.currentRound() + "; nothing to do");
            } else {
                RunCommand.print(o.get());
            }
        }
        return 0;
    }
}
