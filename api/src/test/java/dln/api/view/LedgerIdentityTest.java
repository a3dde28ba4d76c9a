package dln.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LedgerIdentityTest {

    @Test
    void aNetworkUserReadsAsTheCommandLineNamesIt() {
        assertEquals("org2/User3", new LedgerIdentity("Org2MSP", "x509::CN=User3@org2.dln,OU=client,L=Here,C=US::CN=ca.org2.dln").shortName());
    }

    @Test
    void anyOtherCommonNameIsShownAsItIs() {
        assertEquals("alice", new LedgerIdentity("Org1MSP", "x509::CN=alice,OU=client::CN=ca").shortName());
        assertEquals("Org1MSP/?", new LedgerIdentity("Org1MSP", "x509::O=nobody::CN=ca").shortName());
    }

    @Test
    void anIdentityThatIsNoCertificateReadsAsItsName() {
        // The submitter the ledger records on a secure round's aggregate ("dln/?" before).
        assertEquals("secure-aggregate", new LedgerIdentity("dln", "secure-aggregate").shortName());
    }
}
