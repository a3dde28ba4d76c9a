package dln.session;

import dln.cli.ExitCodes;
import dln.session.demo.DemoCommand;
import picocli.CommandLine.Command;

/** Entry point of `./dln demo` and `./dln bench`. */
@Command(name = "dln", mixinStandardHelpOptions = true, subcommands = {DemoCommand.class, dln.session.bench.BenchCommand.class},
        description = "Learning sessions on the dln network.")
public final class Main {

    public static void main(final String[] args) {
        System.exit(ExitCodes.run(new Main(), args));
    }
}
