package dln.chaincode.testing;

import com.google.protobuf.ByteString;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/** The test identities: real EC certificates under test/resources/certs, each with its MSP. */
public final class Actors {

    public static final Map<String, String> MSP = Map.of(
            "publisher", "Org1MSP", "member1", "Org1MSP", "member2", "Org2MSP", "member3", "Org3MSP",
            "provider1", "Org1MSP", "provider2", "Org2MSP", "provider3", "Org3MSP", "outsider", "Org2MSP", "rsa", "Org1MSP",
            // shaped as cryptogen makes a user's enrolment certificate (see certs/roles/make.sh)
            "roles/cryptogen-client", "Org1MSP");

    private Actors() {
    }

    public static String pem(final String name) {
        try (InputStream in = Actors.class.getResourceAsStream("/certs/" + name + ".pem")) {
            if (in == null) {
                throw new IllegalArgumentException("no certificate for " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String msp(final String name) {
        return MSP.get(name);
    }

    /** The creator bytes a peer hands the chaincode: a SerializedIdentity holding the PEM. */
    public static byte[] creator(final String name) {
        return SerializedIdentity.newBuilder().setMspid(msp(name)).setIdBytes(ByteString.copyFromUtf8(pem(name))).build().toByteArray();
    }
}
