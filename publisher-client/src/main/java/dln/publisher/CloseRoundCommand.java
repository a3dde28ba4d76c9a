package dln.publisher;

import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.view.RoundView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "close-round", mixinStandardHelpOptions = true,
        description = "Close a federated round (the publisher may close before its deadline; anyone after it).",
        footer = {"", "Example:", "  ./dln publisher close-round m-0123abcd... 2"})
final class CloseRoundCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;
    @Mixin
    RoundParameters target;

    @Override
    public Integer call() {
        try (DlnLedger ledger = client.ledgerAs(ConnectionProfile.Roles::publisher)) {
            final RoundView r = ledger.closeRound(target.modelId, target.round);
            System.out.printf("round %d of %s closed: %d accepted%n", r.number(), target.modelId, r.accepted().size());
        }
        return 0;
    }
}
