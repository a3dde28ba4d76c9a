package dln.provider;

import dln.cli.ExitCodes;
import picocli.CommandLine.Command;

/** The data provider client: trains on private data and records updates. */
@Command(name = "dln provider", mixinStandardHelpOptions = true, subcommands = {TrainCommand.class, RunCommand.class},
        description = "Train on private data and record updates on a model.",
        footer = {"", "Example:", "  ./dln provider run m-0123abcd... --identity org2/User3 --data mnist:train:dirichlet:0.5:2/4"})
public final class Main {

    public static void main(final String[] args) {
        System.exit(ExitCodes.run(new Main(), args));
    }
}
