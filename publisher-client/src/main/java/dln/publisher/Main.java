package dln.publisher;

import dln.cli.ExitCodes;
import picocli.CommandLine.Command;

/** The publisher client: puts models on the ledger and follows them. */
@Command(name = "dln publisher", mixinStandardHelpOptions = true,
        subcommands = {PublishCommand.class, StatusCommand.class, ListCommand.class, CloseRoundCommand.class, AdvanceCommand.class, CloseCommand.class,
                ExportCommand.class, ImportCheckCommand.class},
        description = "Publish a model with its committee, follow its rounds, close it, export it.",
        footer = {"", "Example:", "  ./dln publisher publish --model mlp --mode federated --committee org1/User2,org2/User2,org3/User2"})
public final class Main {

    public static void main(final String[] args) {
        System.exit(ExitCodes.run(new Main(), args));
    }
}
