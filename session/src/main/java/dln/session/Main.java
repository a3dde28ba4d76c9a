package dln.session;

import dln.cli.ExitCodes;
import dln.session.demo.DemoCommand;
import picocli.CommandLine.Command;

/** Entry point of `./dln demo` (the benchmarks are in the bench module: `./dln bench`). */
@Command(name = "dln", mixinStandardHelpOptions = true, subcommands = {DemoCommand.class},
        description = "Learning sessions on the dln network.")
public final class Main {

    public static void main(final String[] args) {
        System.exit(ExitCodes.run(new Main(), args));
    }
}
