package dln.core.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.api.LedgerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionProfileTest {

    @TempDir
    Path dir;

    private ConnectionProfile load(final String org2Extra) throws IOException {
        final String json = """
                {"channel": "learning", "chaincode": "dln",
                 "ipfs": {"api": "http://127.0.0.1:5001", "bin": "/bin/ipfs"},
                 "orderers": [],
                 "organizations": {
                   "org1": {"mspId": "Org1MSP", "peer": {"name": "p1", "endpoint": "10.0.0.1:7051", "tlsCaFile": "ca1"},
                            "users": {"User1": {"certFile": "c", "keyFile": "k"}}},
                   "org2": {"mspId": "Org2MSP", "peer": {"name": "p2", "endpoint": "10.0.0.2:8051", "tlsCaFile": "ca2"},
                            %s
                            "users": {"User1": {"certFile": "c", "keyFile": "k"}}}},
                 "roles": {"publisher": "org1/User1", "committee": [], "providers": []}}
                """.formatted(org2Extra);
        final Path file = dir.resolve("connection.json");
        Files.writeString(file, json);
        return ConnectionProfile.load(file);
    }

    @Test
    void anOrganisationWithItsOwnIpfsNodeUsesIt() throws IOException {
        final ConnectionProfile p = load("\"ipfs\": {\"api\": \"http://10.0.0.2:9095\", \"bin\": \"/bin/ipfs\"},");
        assertEquals("http://10.0.0.2:9095", p.ipfsOf("org2/User1").api());
        assertEquals("http://127.0.0.1:5001", p.ipfsOf("org1/User1").api());
    }

    @Test
    void withoutOwnNodesEveryoneUsesTheProfilesNode() throws IOException {
        final ConnectionProfile p = load("");
        assertEquals("http://127.0.0.1:5001", p.ipfsOf("org2/User1").api());
    }

    @Test
    void anUnknownMemberHasNoIpfsNode() throws IOException {
        final ConnectionProfile p = load("");
        assertThrows(LedgerException.class, () -> p.ipfsOf("org3/User1"));
    }
}
