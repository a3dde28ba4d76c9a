package dln.chaincode.identity;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Who did something: the MSP that vouched for the certificate and the certificate's X.509 id
 * ("x509::subject::issuer", as the shim's ClientIdentity prints it). Never taken from arguments.
 */
@DataType
public record Identity(@Property String mspId, @Property String x509Id) {

    public static Identity caller(final Context ctx) {
        return new Identity(ctx.getClientIdentity().getMSPID(), ctx.getClientIdentity().getId());
    }

    @Override
    public String toString() {
        return mspId + "/" + x509Id;
    }
}
