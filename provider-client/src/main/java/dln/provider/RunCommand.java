package dln.provider;

import dln.core.ledger.LedgerWatch;
import dln.core.ledger.view.ModelView;
import dln.core.protocol.ParentSelector;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Contribute in a loop: federated, once per round as rounds open; gossip, one update after another. "
                + "Safe to restart: what this identity already recorded is never submitted again.",
        footer = {"", "Example:", "  ./dln provider run m-0123abcd... --identity org2/User3 --data mnist:train:dirichlet:0.5:2/4 --steps 3"})
final class RunCommand implements Callable<Integer> {

    @Mixin
    ProviderOptions options;
    @Option(names = "--steps", defaultValue = "3", description = "federated: rounds to contribute to; gossip: updates to make")
    int steps;
    @Option(names = "--poll-ms", defaultValue = "2000",
            description = "the longest wait between looks for a new round; a ledger event wakes the provider sooner (default ${DEFAULT-VALUE})")
    long pollMillis;

    @Override
    public Integer call() throws Exception {
        try (Participant me = options.connect(); LedgerWatch watch = LedgerWatch.start(me.ledger().client())) {
            final ProviderWorkflow w = options.workflow(me);
            final Duration recheck = Duration.ofMillis(pollMillis);
            int done = 0;
            while (done < steps) {
                final long seen = watch.generation();
                final ModelView m = me.ledger().getModel(options.modelId);
                if ("closed".equals(m.status()) || "declined".equals(m.status())) {
                    System.out.println("model " + options.modelId + " is " + m.status() + "; stopping after " + done + " step(s)");
                    return 0;
                }
                if (!"open".equals(m.status())) {
                    watch.awaitAfter(seen, recheck);
                    continue;
                }
                if (m.federated()) {
                    final var o = w.federatedStep(options.modelId);
                    if (o.isPresent()) {
                        print(o.get());
                        done++;
                    } else {
                        watch.awaitAfter(seen, recheck);
                    }
                } else {
                    print(w.gossipStep(options.modelId, new ParentSelector(8, m.higherIsBetter())));
                    done++;
                }
            }
        }
        return 0;
    }

    static void print(final ProviderWorkflow.Outcome o) {
        System.out.printf(Locale.ROOT, "update %s  round %s  parents %d (%s)  prepare %d ms  %d examples in %.1f s  upload %d ms  ledger %d ms%n",
                o.update().id(), o.update().round() == 0 ? "-" : Integer.toString(o.update().round()), o.start().parents().size(),
                o.start().check().name().toLowerCase(Locale.ROOT), o.prepareMillis(), o.training().examples(), o.training().millis() / 1000.0,
                o.uploadMillis(), o.ledgerMillis());
    }
}
