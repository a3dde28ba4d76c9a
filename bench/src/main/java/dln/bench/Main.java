package dln.bench;

import dln.bench.abuse.AbuseBench;
import dln.bench.chaos.ChaosBench;
import dln.bench.core.CoreBenchCommand;
import dln.bench.engine.EngineBenchCommand;
import dln.bench.ipfs.IpfsBenchCommand;
import dln.bench.learning.LearningBench;
import dln.bench.privacy.PrivacyBench;
import dln.bench.reads.ReadsBench;
import dln.bench.ledger.LedgerBench;
import dln.bench.session.SessionBench;
import dln.cli.ExitCodes;
import picocli.CommandLine.Command;

/** `./dln bench NAME`: printed benchmarks, never tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {CoreBenchCommand.class, EngineBenchCommand.class, ReadsBench.class, LedgerBench.class, SessionBench.class, LearningBench.class,
                IpfsBenchCommand.class, dln.bench.scale.ScaleBench.class, dln.bench.bigmodel.BigModelBench.class, ChaosBench.class, AbuseBench.class,
                PrivacyBench.class, dln.bench.secagg.SecureAggregationBench.class},
        description = {"Benchmarks that print tables, never tests.", "./dln starts the network only for the benchmarks that use it."},
        footer = {"", "Examples:", "  ./dln bench core", "  ./dln bench engine --with-pytorch", "  ./dln bench reads", "  ./dln bench scale", "  ./dln bench ledger", "  ./dln bench abuse",
                "  ./dln bench privacy", "  ./dln bench secagg", "  ./dln bench big-model", "  ./dln bench chaos --rounds 6 --gossip-steps 10"})
public final class Main {

    /** The launcher's first argument before it starts the network: validate, run nothing. */
    static final String CHECK = "--check";

    public static void main(final String[] args) {
        if (args.length > 0 && CHECK.equals(args[0])) {
            System.exit(check(java.util.Arrays.copyOfRange(args, 1, args.length)));
        }
        System.exit(ExitCodes.run(new Main(), args));
    }

    /**
     * "--check NAME ARGS": the options parse (one line and exit 1 when they do not), and the
     * learning bench also loads its plan, the chaos and session benches check their session and its providers' identities (their
     * own --check): ./dln asks this before it starts and
     * deploys the network, so bad input changes nothing.
     */
    static int check(final String[] args) {
        if (args.length > 0 && ("learning".equals(args[0]) || "chaos".equals(args[0]) || "session".equals(args[0]))) {
            final String[] withCheck = java.util.Arrays.copyOf(args, args.length + 1);
            withCheck[args.length] = CHECK;
            return ExitCodes.run(new Main(), withCheck);
        }
        return ExitCodes.parses(new Main(), args);
    }
}
