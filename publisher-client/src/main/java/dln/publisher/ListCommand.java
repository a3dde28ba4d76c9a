package dln.publisher;

import dln.core.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.DlnLedger;
import dln.core.ledger.view.ModelView;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "list", mixinStandardHelpOptions = true, description = "Every model on the ledger.",
        footer = {"", "Example:", "  ./dln publisher list"})
final class ListCommand implements Callable<Integer> {

    @Mixin
    ClientOptions client;

    @Override
    public Integer call() {
        final ConnectionProfile profile = client.profile();
        try (DlnLedger ledger = DlnLedger.connect(profile, client.identityOr(profile.roles().publisher()))) {
            System.out.printf("%-34s %-9s %-9s %5s  %s%n", "model", "mode", "status", "round", "name");
            for (ModelView m : ledger.listModels()) {
                System.out.printf("%-34s %-9s %-9s %5s  %s%n", m.id(), m.mode(), m.status(), m.federated() ? Integer.toString(m.currentRound()) : "-",
                        m.name());
            }
        }
        return 0;
    }
}
