package dln.publisher;

import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.view.RoundView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "close-round", mixinStandardHelpOptions = true,
        description = "Close a federated round (the publisher may close before its deadline; anyone after it).",
        footer = {"", "Example:", "  ./dln publisher close-round m-0123abcd... 2"})
final class CloseRoundCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;
    @Parameters(index = "0", paramLabel = "MODEL")
    String modelId;
    @Parameters(index = "1", paramLabel = "ROUND")
    int round;

    @Override
    public Integer call() {
        final ConnectionProfile profile = client.profile();
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, client.identityOr(profile.roles().publisher()))) {
            final RoundView r = ledger.closeRound(modelId, round);
            System.out.printf("round %d of %s closed: %d accepted%n", r.number(), modelId, r.accepted().size());
        }
        return 0;
    }
}
