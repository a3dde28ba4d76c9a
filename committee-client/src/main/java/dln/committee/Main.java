package dln.committee;

import dln.cli.ExitCodes;
import picocli.CommandLine.Command;

/** The committee member client: approves models and scores updates on its validation fragment. */
@Command(name = "dln committee", mixinStandardHelpOptions = true, subcommands = {ServeCommand.class, ReviewCommand.class},
        description = "Approve models naming this member and score their updates on its encrypted validation fragment.",
        footer = {"", "Example:", "  ./dln committee serve --identity org2/User2"})
public final class Main {

    public static void main(final String[] args) {
        System.exit(ExitCodes.run(new Main(), args));
    }
}
