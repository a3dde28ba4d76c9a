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

    public static void main(final String[] args) {
        System.exit(ExitCodes.run(new Main(), args));
    }
}
