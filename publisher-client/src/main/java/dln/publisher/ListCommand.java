package dln.publisher;

import dln.cli.ClientOptions;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.view.ModelView;
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
        try (DlnLedger ledger = client.ledgerAs(ConnectionProfile.Roles::publisher)) {
            // Read first: a failure must not leave a header without a table.
            final java.util.List<ModelView> models = ledger.listModels();
            System.out.printf("%-34s %-20s %-9s %-9s %5s  %s%n", "model", "published (UTC)", "mode", "status", "round", "name");
            for (ModelView m : models) {
                System.out.printf("%-34s %-20s %-9s %-9s %5s  %s%n", m.id(), published(m), m.mode(), m.status(),
                        m.federated() ? Integer.toString(m.currentRound()) : "-", m.name());
            }
        }
        return 0;
    }

    /** "2026-11-23 15:04:05" from the ledger's ISO-8601 timestamp. */
    private static String published(final ModelView m) {
        final String at = m.createdAt() == null ? "-" : m.createdAt().replace('T', ' ');
        return at.length() > 19 ? at.substring(0, 19) : at;
    }
}
