package dln.publisher;

import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "close", mixinStandardHelpOptions = true, description = "Close a model: it takes no more updates or scores.",
        footer = {"", "Example:", "  ./dln publisher close m-0123abcd..."})
final class CloseCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;
    @Parameters(paramLabel = "MODEL")
    String modelId;

    @Override
    public Integer call() {
        try (DlnLedger ledger = client.ledgerAs(ConnectionProfile.Roles::publisher)) {
            System.out.println(modelId + " is " + ledger.closeModel(modelId).status());
        }
        return 0;
    }
}
