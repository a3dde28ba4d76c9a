package dln.core.ledger;

import dln.api.LedgerException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Transactions through fabric-gateway Java on the real network, read back with the peer CLI. */
class GatewayNetworkIT {

    private final NetworkFixture net = new NetworkFixture();

    @Test
    void everyOrganisationSubmitsAndEveryPeerAgrees() throws Exception {
        for (String org : net.profile.organizations().keySet()) {
            final String key = "it-" + org + "-" + UUID.randomUUID();
            final String value = "written by " + org;
            try (FailoverTransport client = FailoverTransport.ownPeer(net.profile, org + "/User1", dln.ipfs.RetryPolicy.OUTAGE)) {
                client.submit(dln.api.Tx.PROBE_PUT, key, value);
                assertEquals(value, new String(client.evaluate(dln.api.Tx.PROBE_GET, key), java.nio.charset.StandardCharsets.UTF_8));
            }
            // The official CLI, through another organisation's peer, sees the same committed value.
            for (String reader : net.profile.organizations().keySet()) {
                final String out = net.peerCli(reader, "chaincode query -C " + net.profile.channel() + " -n "
                        + net.profile.chaincode() + " -c '{\"Args\":[\"probe:Get\",\"" + key + "\"]}'");
                assertEquals(value, out.trim(), "peer0." + reader + " disagrees on " + key);
            }
        }
    }

    @Test
    void chaincodeRuleViolationsArriveAsNamedErrors() {
        try (FailoverTransport client = FailoverTransport.ownPeer(net.profile, "org2/User1", dln.ipfs.RetryPolicy.OUTAGE)) {
            final LedgerException e = assertThrows(LedgerException.class,
                    () -> client.evaluate(dln.api.Tx.PROBE_GET, "no-such-key-" + UUID.randomUUID()));
            assertTrue(e.is(dln.api.Rule.PROBE_KEY_NOT_FOUND), e.getMessage());
            final LedgerException tooLong = assertThrows(LedgerException.class,
                    () -> client.submit(dln.api.Tx.PROBE_PUT, "k".repeat(200), "v"));
            assertTrue(tooLong.is(dln.api.Rule.PROBE_KEY_INVALID), tooLong.getMessage());
        }
    }

    @Test
    void unknownIdentityIsAClearError() {
        final LedgerException e = assertThrows(LedgerException.class, () -> LedgerClient.connect(net.profile, "org9/User1"));
        assertTrue(e.is(dln.api.LedgerFailure.UNKNOWN_IDENTITY), e.getMessage());
    }
}
