package dln.bench.ipfs;

import dln.ipfs.KuboClient;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `./dln bench ipfs`: the Kubo client's add and cat against the ipfs CLI and cp. */
@Command(name = "ipfs", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"IPFS add/cat throughput: the Java client vs the ipfs CLI vs cp, on the network's Kubo node or, with --api,",
                "a node of your own (./dln then starts no network)."},
        footer = {"", "Examples:", "  ./dln bench ipfs", "  ./dln bench ipfs --runs 7 --sizes-mb 10,200",
                "  ./dln bench ipfs --api http://127.0.0.1:25101   # your own node"})
public final class IpfsBenchCommand implements Callable<Integer> {

    @Option(names = "--api", defaultValue = "${env:DLN_IPFS_API:-" + KuboClient.DEFAULT_API + "}",
            description = "the node's RPC API (default: $DLN_IPFS_API, else ${DEFAULT-VALUE})")
    String api;
    @Option(names = "--ipfs", defaultValue = "${env:DLN_IPFS_BIN:-ipfs}", description = "the ipfs CLI (default: $DLN_IPFS_BIN, else ipfs on PATH)")
    String bin;
    @Option(names = "--dir", defaultValue = "${sys:java.io.tmpdir}", description = "where the test files go (default ${DEFAULT-VALUE})")
    Path dir;
    @Option(names = "--runs", defaultValue = "3", description = "timed runs per size; the median is shown (default ${DEFAULT-VALUE})")
    int runs;
    @Option(names = "--sizes-mb", split = ",", defaultValue = "10,200", description = "file sizes in MB (default ${DEFAULT-VALUE})")
    long[] sizesMb;

    @Override
    public Integer call() throws Exception {
        if (runs < 1) {
            throw new IllegalArgumentException("--runs must be at least 1");
        }
        final long[] bytes = new long[sizesMb.length];
        for (int i = 0; i < sizesMb.length; i++) {
            bytes[i] = sizesMb[i] * 1_000_000L;
        }
        IpfsBench.run(api, bin, dir, runs, bytes);
        return 0;
    }
}
