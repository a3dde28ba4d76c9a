package dln.core.ledger;

import dln.api.LedgerException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Kills one ordering node and one peer with SIGKILL, keeps transacting, then runs
 * {@code network.sh up} and checks the restarted peer catches up to the same block height.
 */
class NetworkRecoveryIT {

    private final NetworkFixture net = new NetworkFixture();

    @Test
    void survivesTheLossOfAnOrdererAndAPeer() throws Exception {
        final long before = net.height("org1");
        net.sh("kill -9 " + net.pid("orderer2") + " " + net.pid("peer0.org3"));

        final String key = "recovery-" + UUID.randomUUID();
        try (FailoverTransport client = FailoverTransport.of(net.profile, "org1/User2", dln.ipfs.RetryPolicy.OUTAGE)) {
            for (int i = 0; i < 5; i++) {
                client.submit(dln.api.Tx.PROBE_PUT, key, Integer.toString(i));
            }
            assertEquals("4", new String(client.evaluate(dln.api.Tx.PROBE_GET, key), java.nio.charset.StandardCharsets.UTF_8));
        }
        final long during = net.height("org1");
        assertTrue(during >= before + 5, "5 transactions with a node of each kind down: height " + before + " -> " + during);

        net.sh("network/network.sh up >/dev/null");
        long restarted = -1;
        for (int i = 0; i < 120 && restarted < during; i++) {
            Thread.sleep(500);
            restarted = net.height("org3");
        }
        assertTrue(restarted >= during, "peer0.org3 caught up: " + restarted + " >= " + during);
        assertEquals("4", net.peerCli("org3", "chaincode query -C " + net.profile.channel() + " -n "
                + net.profile.chaincode() + " -c '{\"Args\":[\"probe:Get\",\"" + key + "\"]}'").trim());

        // The restarted peer serves its organisation's gateway again once gossip has rediscovered
        // the others: every organisation can transact, so later tests see a whole network.
        for (String org : net.profile.organizations().keySet()) {
            awaitSubmit(org + "/User1", key);
        }
    }

    private void awaitSubmit(final String identity, final String key) throws InterruptedException {
        LedgerException last = null;
        for (int i = 0; i < 120; i++) {
            try (FailoverTransport client = FailoverTransport.of(net.profile, identity, dln.ipfs.RetryPolicy.OUTAGE)) {
                client.submit(dln.api.Tx.PROBE_PUT, key, identity);
                return;
            } catch (LedgerException e) {
                last = e;
                Thread.sleep(1000);
            }
        }
        throw new AssertionError(identity + " could not transact 2 minutes after the restart", last);
    }
}
