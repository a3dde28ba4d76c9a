package dln.chaincode.model;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** A committee member: the identity it signs with and the key its fragment is encrypted to. */
@DataType
public record Member(Identity identity, @Property String publicKeyPem, @Property String certificateSha256, Fragment fragment) {
}
