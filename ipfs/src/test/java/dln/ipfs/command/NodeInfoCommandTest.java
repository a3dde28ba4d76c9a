package dln.ipfs.command;

import static dln.ipfs.testing.FakeKubo.reply;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dln.ipfs.NodeIdentity;
import dln.ipfs.NodeVersion;
import dln.ipfs.testing.FakeKubo;
import dln.ipfs.testing.Transports;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeInfoCommandTest {
    private FakeKubo kubo;
    private NodeInfoCommand node;

    @BeforeEach
    void start() throws IOException {
        kubo = new FakeKubo();
        node = new NodeInfoCommand(Transports.to(kubo));
    }

    @AfterEach
    void stop() {
        kubo.close();
    }

    @Test
    void version() throws IOException {
        kubo.on("version", (r, n, ex) -> reply(ex, 200, "{\"Version\":\"0.42.0\",\"Commit\":\"\",\"Repo\":\"18\","
                + "\"System\":\"amd64/linux\",\"Golang\":\"go1.26.8\"}"));
        assertEquals(new NodeVersion("0.42.0", "", "18", "amd64/linux", "go1.26.8"), node.version());
        // Fields Kubo leaves out read as empty.
        kubo.on("version", (r, n, ex) -> reply(ex, 200, "{\"Version\":\"0.43.0\"}"));
        assertEquals(new NodeVersion("0.43.0", "", "", "", ""), node.version());
    }

    @Test
    void identity() throws IOException {
        kubo.on("id", (r, n, ex) -> reply(ex, 200, "{\"ID\":\"12D3KooW\",\"PublicKey\":\"x\",\"Addresses\":"
                + "[\"/ip4/127.0.0.1/tcp/4001\"],\"AgentVersion\":\"kubo/0.42.0/\",\"Protocols\":[]}"));
        assertEquals(new NodeIdentity("12D3KooW", "kubo/0.42.0/", List.of("/ip4/127.0.0.1/tcp/4001")), node.id());
        // An offline node lists no addresses (Kubo sends null).
        kubo.on("id", (r, n, ex) -> reply(ex, 200, "{\"ID\":\"12D3KooW\",\"Addresses\":null}"));
        assertEquals(new NodeIdentity("12D3KooW", "", List.of()), node.id());
    }
}
