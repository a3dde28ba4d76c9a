package dln.chaincode.query;

import dln.api.Rule;
import dln.chaincode.identity.Identity;
import dln.chaincode.rule.Violation;

/** An identity named by a query's arguments (not the caller's): checked before anything is read. */
final class IdentityArgument {

    private static final int MAX_MSP_ID = 128;
    private static final int MAX_X509_ID = 2048;

    private IdentityArgument() {
    }

    static Identity of(final String tx, final String mspId, final String x509Id) {
        if (mspId == null || mspId.isEmpty() || x509Id == null || x509Id.isEmpty() || mspId.length() > MAX_MSP_ID
                || x509Id.length() > MAX_X509_ID) {
            throw Violation.of(Rule.INVALID_FIELD, tx + " needs an MSP id and an X.509 id (\"x509::subject::issuer\")");
        }
        return new Identity(mspId, x509Id);
    }
}
