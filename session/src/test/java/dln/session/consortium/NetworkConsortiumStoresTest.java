package dln.session.consortium;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dln.core.ledger.ConnectionProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An organisation's participants share one store (its host's), and no two organisations share one; nothing here needs a network. */
class NetworkConsortiumStoresTest {

    @TempDir
    Path dir;

    private NetworkConsortium consortium(final String org3Ipfs) throws IOException {
        final String users = "\"users\": {\"User2\": {\"certFile\": \"c\", \"keyFile\": \"k\"}, \"User3\": {\"certFile\": \"c\", \"keyFile\": \"k\"},"
                + " \"User4\": {\"certFile\": \"c\", \"keyFile\": \"k\"}}";
        final String json = """
                {"channel": "learning", "chaincode": "dln",
                 "ipfs": {"api": "http://127.0.0.1:5001", "bin": "/bin/ipfs"},
                 "orderers": [],
                 "organizations": {
                   "org1": {"mspId": "Org1MSP", "peer": {"name": "p1", "endpoint": "127.0.0.1:7051", "tlsCaFile": "ca"}, %s},
                   "org2": {"mspId": "Org2MSP", "peer": {"name": "p2", "endpoint": "127.0.0.1:8051", "tlsCaFile": "ca"}, %s},
                   "org3": {"mspId": "Org3MSP", "peer": {"name": "p3", "endpoint": "127.0.0.1:9051", "tlsCaFile": "ca"}, %s %s}},
                 "roles": {"publisher": "org1/User2", "committee": [], "providers": []}}
                """.formatted(users, users, org3Ipfs, users);
        final Path file = dir.resolve("connection.json");
        Files.writeString(file, json);
        return new NetworkConsortium(ConnectionProfile.load(file));
    }

    @Test
    void oneOrganisationsParticipantsShareItsStore() throws IOException {
        final NetworkConsortium c = consortium("");
        assertSame(c.storeOf("org1/User3"), c.storeOf("org1/User4"));
        assertSame(c.storeOf("org1/User3"), c.storeOf("org1/User2"), "the organisation's committee member too");
    }

    @Test
    void organisationsDoNotShareAStoreEvenOnOneIpfsNode() throws IOException {
        final NetworkConsortium c = consortium("\"ipfs\": {\"api\": \"http://127.0.0.1:5101\", \"bin\": \"/bin/ipfs\"},");
        assertNotSame(c.storeOf("org1/User3"), c.storeOf("org2/User3"), "one node, two organisations: two stores");
        assertNotSame(c.storeOf("org1/User3"), c.storeOf("org3/User3"));
        assertSame(c.storeOf("org3/User3"), c.storeOf("org3/User4"), "on its own node, org3's participants still share theirs");
    }
}
