package dln.session.bench;

import picocli.CommandLine.Command;

/** `./dln bench`: printed benchmarks, never tests. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {LedgerBench.class, SessionBench.class, LearningBench.class, CoreBenchCommand.class, IpfsBenchCommand.class},
        description = "Benchmarks that print tables: ledger, session, core, ipfs.",
        footer = {"", "Example:", "  ./dln bench ledger"})
public final class BenchCommand {
}
