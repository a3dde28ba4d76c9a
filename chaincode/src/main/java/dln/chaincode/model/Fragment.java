package dln.chaincode.model;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** One member's validation fragment: where the ciphertext is, what the plaintext hashes to, its size. */
@DataType
public record Fragment(@Property String cid, @Property String sha256, @Property long samples) {
}
