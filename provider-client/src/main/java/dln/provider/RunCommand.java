package dln.provider;

import dln.cli.TrainingProgress;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.role.ProviderService;
import dln.core.role.SecureProviderService;
import dln.core.secagg.SecureProvider;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Contribute in a loop: federated, once per round as rounds open; gossip, one update after another. "
                + "On a model with secure aggregation, does its part of each round's masked aggregation (docs/privacy.md). "
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
        if (steps < 1) {
            throw new IllegalArgumentException("--steps must be at least 1, got " + steps);
        }
        if (pollMillis < 1) {
            throw new IllegalArgumentException("--poll-ms must be at least 1, got " + pollMillis);
        }
        try (Participant me = options.connect(); TrainingProgress progress = TrainingProgress.forConsole()) {
            if (me.ledger().getModel(options.modelId).securelyAggregated()) {
                return secureRounds(me, progress);
            }
            final ProviderService service = new ProviderService(options.workflow(me, progress), me.ledger().events(), Duration.ofMillis(pollMillis),
                    line -> System.out.println(line));
            final int[] made = {0};
            if (service.contribute(options.modelId, steps, o -> {
                print(o);
                made[0]++;
            }) == ProviderService.Stop.MODEL_FINAL) {
                System.out.println("model " + options.modelId + " is " + me.ledger().getModel(options.modelId).status().wire()
                        + "; stopping after " + made[0] + " step(s)");
            }
        }
        return 0;
    }

    /**
     * Securely aggregated rounds: this provider's part of each round's steps, then the next
     * round once the committee decided the round's aggregate.
     */
    private int secureRounds(final Participant me, final TrainingProgress progress) throws Exception {
        final SecureProvider provider = new SecureProvider(options.workflow(me, progress), options.privateKey(), new SecureRandom(),
                line -> System.out.println(line));
        final SecureProviderService service = new SecureProviderService(provider, me.ledger().events(), Duration.ofMillis(pollMillis),
                Duration.ofHours(1), line -> System.out.println(line));
        final int[] made = {0};
        if (service.contribute(options.modelId, steps, r -> {
            System.out.println("round " + r.round() + ": " + r.progress().name().toLowerCase(Locale.ROOT));
            made[0]++;
        }) == ProviderService.Stop.MODEL_FINAL) {
            System.out.println("model " + options.modelId + " is " + me.ledger().getModel(options.modelId).status().wire()
                    + "; stopping after " + made[0] + " round(s)");
        }
        return 0;
    }

    static void print(final ProviderWorkflow.Outcome o) {
        if (o.abstained()) {
            System.out.printf(Locale.ROOT, "%s  parents %d (%s)  prepare %d ms  %d examples in %.1f s  ledger %d ms: %s%n",
                    o.passed() ? "passed" : "abstained", o.start().parents().size(), o.start().check().name().toLowerCase(Locale.ROOT), o.prepareMillis(), o.training().examples(),
                    o.training().millis() / 1000.0, o.ledgerMillis(), o.abstention());
            return;
        }
        System.out.printf(Locale.ROOT, "update %s  round %s  parents %d (%s)  prepare %d ms  %d examples in %.1f s  upload %d ms  ledger %d ms%n",
                o.update().id(), o.update().round() == 0 ? "-" : Integer.toString(o.update().round()), o.start().parents().size(),
                o.start().check().name().toLowerCase(Locale.ROOT), o.prepareMillis(), o.training().examples(), o.training().millis() / 1000.0,
                o.uploadMillis(), o.ledgerMillis());
    }
}
