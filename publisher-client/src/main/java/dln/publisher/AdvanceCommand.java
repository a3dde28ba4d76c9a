package dln.publisher;

import dln.api.DlnLedger;
import dln.api.view.SecureRoundView;
import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * secagg:AdvanceSecureRound from the command line: what lets a securely aggregated round go on
 * when a provider drops out mid-round (its process died, its host is gone). Without it the round
 * waits for everyone of the step before until its deadline.
 */
@Command(name = "advance", mixinStandardHelpOptions = true,
        description = "End the current step of a securely aggregated round without the providers that did not act in it (a"
                + " provider whose process or host died). The publisher may at any time, any participant of the round after its"
                + " deadline; at least the model's threshold must have acted. A provider left out after sharing is recovered"
                + " through the others' shares (docs/privacy.md, Dropouts).",
        footer = {"", "Example:", "  ./dln publisher advance m-0123abcd... 2"})
final class AdvanceCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;
    @Mixin
    RoundParameters target;

    @Override
    public Integer call() {
        try (DlnLedger ledger = client.ledgerAs(ConnectionProfile.Roles::publisher)) {
            final SecureRoundView.Round before = ledger.getSecureRound(target.modelId, target.round).round();
            final SecureRoundView.Round after = ledger.advanceSecureRound(target.modelId, target.round);
            System.out.printf("round %d of %s: %s; now %s%n", target.round, target.modelId, before.standing(), after.standing());
        }
        return 0;
    }
}
