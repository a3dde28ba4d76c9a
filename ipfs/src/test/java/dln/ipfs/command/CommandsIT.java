package dln.ipfs.command;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.AddResult;
import dln.ipfs.ContentNotFoundException;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.NodeIdentity;
import dln.ipfs.NodeVersion;
import dln.ipfs.ObjectStat;
import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.cid.ImportLayout;
import dln.ipfs.testing.RealKubo;
import dln.ipfs.testing.SeededBytes;
import dln.ipfs.transport.KuboTransport;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command classes on their own against the real node (KuboClientIT covers them through the
 * facade with the default layout): a layout other than Kubo's default, progress, replacing a
 * file, pins, and what the node says about itself.
 */
class CommandsIT {
    // 1 MiB leaves: not Kubo's default, so a node that ignored the parameters would be caught.
    private static final ImportLayout MIB = new ImportLayout(1 << 20, 174);

    private final KuboTransport transport = RealKubo.transport(Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @Test
    void aFileInAnotherLayoutRoundTrips() throws Exception {
        int length = 3_000_000;
        Path file = dir.resolve("w.bin");
        try (InputStream in = new SeededBytes(System.nanoTime(), length)) {
            Files.copy(in, file);
        }
        String cli = RealKubo.cli("add", "--only-hash", "-Q", "--cid-version=1", "--raw-leaves",
                "--chunker=size-1048576", file.toString());
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(FileCids.of(in, MIB).toString(), cli, "local computation equals the CLI's");
        }

        List<Long> progress = new CopyOnWriteArrayList<>();
        AddResult added = new AddCommand(transport, MIB).file(file, true, (bytes, total) -> progress.add(bytes));
        assertEquals(cli, added.cid().toString());
        assertEquals(new AddResult(added.cid(), length, true), added);
        assertEquals(length, progress.get(progress.size() - 1));

        try (InputStream in = new CatCommand(transport, MIB).cat(added.cid())) {
            assertArrayEquals(Files.readAllBytes(file), in.readAllBytes());
        }
        Path copy = Files.writeString(dir.resolve("copy.bin"), "previous");
        assertEquals(length, new FetchCommand(transport, MIB).toFile(added.cid(), copy));
        assertEquals(-1, Files.mismatch(file, copy));

        ObjectStat stat = new StatCommand(transport).stat(added.cid());
        assertEquals(new ObjectStat(added.cid(), length, stat.cumulativeSize(), 3, "file"), stat);

        PinCommand pin = new PinCommand(transport);
        pin.rm(added.cid());
        assertThrows(IpfsCommandException.class, () -> pin.rm(added.cid()));
        pin.add(added.cid());
        // Leave the shared node as we found it: unpinned test data goes with the next GC.
        pin.rm(added.cid());
    }

    @Test
    void missingContentIsNotFoundByCatAndFetch() {
        Cid nobodys = FileCids.of(SeededBytes.bytes(System.nanoTime(), 1000));
        assertThrows(ContentNotFoundException.class, () -> new CatCommand(transport, ImportLayout.KUBO_DEFAULT).cat(nobodys));
        assertThrows(ContentNotFoundException.class,
                () -> new FetchCommand(transport, ImportLayout.KUBO_DEFAULT).toFile(nobodys, dir.resolve("f")));
        assertFalse(Files.exists(dir.resolve("f")));
    }

    @Test
    void theNodeDescribesItself() throws IOException {
        NodeInfoCommand node = new NodeInfoCommand(transport);
        NodeVersion version = node.version();
        NodeIdentity id = node.id();
        assertFalse(id.peerId().isEmpty());
        assertTrue(id.agentVersion().startsWith("kubo/" + version.version()), id.agentVersion() + " vs " + version);
    }
}
