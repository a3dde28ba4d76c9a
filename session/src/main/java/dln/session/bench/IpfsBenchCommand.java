package dln.session.bench;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The Kubo client's add and cat against the ipfs CLI and cp: dln.ipfs.bench.IpfsBench. */
@Command(name = "ipfs", mixinStandardHelpOptions = true, description = "IPFS add/cat throughput: the Java client vs the ipfs CLI vs cp.",
        footer = {"", "Example:", "  ./dln bench ipfs"})
public final class IpfsBenchCommand implements Callable<Integer> {

    @Parameters(arity = "0..*", description = "arguments passed to IpfsBench")
    List<String> args = List.of();

    @Override
    public Integer call() throws Exception {
        dln.ipfs.bench.IpfsBench.main(args.toArray(String[]::new));
        return 0;
    }
}
