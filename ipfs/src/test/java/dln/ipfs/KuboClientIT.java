package dln.ipfs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCids;
import dln.ipfs.testing.RealKubo;
import dln.ipfs.testing.SeededBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Against the real Kubo node: {@code DLN_IPFS_API} (default http://127.0.0.1:5001) and the
 * {@code ipfs} CLI from {@code DLN_IPFS_BIN} (default {@code ipfs} on PATH). Run with
 * {@code mvn -pl ipfs verify -DskipITs=false}.
 */
class KuboClientIT {
    private static KuboClient client;

    @TempDir
    Path dir;

    @BeforeAll
    static void connect() throws IOException {
        client = KuboClient.fromEnvironment();
        assertEquals(RealKubo.api(), client.apiBase());
        NodeVersion version = client.version();
        assertFalse(version.version().isEmpty(), "node reports a version");
    }

    /** What the CLI prints, computed by the same node the client talks to. */
    private static String cliCid(Path file) throws IOException, InterruptedException {
        return RealKubo.cli("add", "--only-hash", "-Q", "--cid-version=1", "--raw-leaves", file.toString());
    }

    @ParameterizedTest(name = "{0} bytes")
    // one chunk; several chunks under one node; 180 chunks under two levels
    @ValueSource(ints = {100_000, 3_000_001, 47_000_000})
    void addCatRoundTripMatchesCli(int length) throws Exception {
        Path file = dir.resolve("f" + length);
        // A fresh seed per run so the node has not seen the content before.
        try (InputStream in = new SeededBytes(System.nanoTime(), length)) {
            Files.copy(in, file);
        }
        String expected = cliCid(file);

        AddResult added = client.add(file);
        assertEquals(expected, added.cid().toString(), "client CID equals the ipfs CLI's");
        assertEquals(FileCids.of(file), added.cid(), "local computation equals the node's");
        assertEquals(length, added.size());
        assertEquals(length == 100_000, added.cid().isRaw());

        byte[] back;
        try (InputStream in = client.cat(added.cid())) {
            back = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(file), back);

        Path copy = dir.resolve("copy");
        assertEquals(length, client.fetchToFile(added.cid(), copy));
        assertEquals(-1, Files.mismatch(file, copy));

        ObjectStat stat = client.stat(added.cid());
        assertEquals(added.cid(), stat.cid());
        assertEquals(length, stat.size());
        assertEquals("file", stat.type());

        client.pinRm(added.cid());
        IpfsCommandException notPinned = assertThrows(IpfsCommandException.class, () -> client.pinRm(added.cid()));
        assertTrue(notPinned.kuboMessage().contains("not pinned"), notPinned.getMessage());
        client.pinAdd(added.cid());
        // Leave the shared node as we found it: unpinned test data goes with the next GC.
        client.pinRm(added.cid());
    }

    @Test
    void identityAndStreamAdd() throws IOException {
        NodeIdentity id = client.id();
        assertFalse(id.peerId().isEmpty());
        byte[] data = SeededBytes.bytes(System.nanoTime(), 600_000);
        AddResult added = client.add(new java.io.ByteArrayInputStream(data), "stream", false);
        assertEquals(FileCids.of(data), added.cid());
        try (InputStream in = client.cat(added.cid())) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void unverifiableCidIsRefusedBeforeAnyRequest() {
        Cid v0 = Cid.parse("QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH");
        assertThrows(IllegalArgumentException.class, () -> client.cat(v0));
    }
}
