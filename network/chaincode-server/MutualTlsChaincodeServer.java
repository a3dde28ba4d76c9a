import org.hyperledger.fabric.contract.ContractRouter;
import org.hyperledger.fabric.shim.ChaincodeServerProperties;
import org.hyperledger.fabric.shim.NettyChaincodeServer;

/**
 * Runs the dln chaincode jar's ContractRouter as a chaincode server that requires mutual TLS.
 *
 * <p>The shim 2.5.10 builds its server settings from the environment in
 * ChaincodeBase.getChaincodeServerConfig(): address, TLS on/off, key (CORE_TLS_CLIENT_KEY_FILE) and
 * certificate (CORE_TLS_CLIENT_CERT_FILE), but never the trusted client CA
 * (ChaincodeServerProperties.trustCertCollectionFile), and NettyGrpcServer requires client
 * certificates only when that is set. So ContractRouter.main accepts any TLS client. This does what
 * ContractRouter.main does, with the trusted client CA taken from DLN_CHAINCODE_CLIENT_CA_FILE:
 * a client without a certificate from that CA is refused during the TLS handshake.
 * Compiled by network/lib/chaincode.sh against the chaincode jar; it lives in network/ because it is
 * how the network runs the server, not part of the contract.
 */
public final class MutualTlsChaincodeServer {

    private MutualTlsChaincodeServer() {
    }

    public static void main(final String[] args) throws Exception {
        final String clientCa = System.getenv("DLN_CHAINCODE_CLIENT_CA_FILE");
        if (clientCa == null || clientCa.isEmpty() || !new java.io.File(clientCa).canRead()) {
            System.err.println("chaincode server: DLN_CHAINCODE_CLIENT_CA_FILE must name a readable CA certificate file");
            System.exit(2);
        }
        final ContractRouter router = new ContractRouter(args);
        final ChaincodeServerProperties properties = router.getChaincodeServerConfig();
        if (!properties.isTlsEnabled()) {
            System.err.println("chaincode server: CORE_PEER_TLS_ENABLED must be true (mutual TLS is required)");
            System.exit(2);
        }
        properties.setTrustCertCollectionFile(clientCa);
        System.err.println("chaincode server: mutual TLS, clients must present a certificate from " + clientCa);
        router.startRouterWithChaincodeServer(new NettyChaincodeServer(router, properties));
    }
}
