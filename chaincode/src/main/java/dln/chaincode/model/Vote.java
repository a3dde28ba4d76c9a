package dln.chaincode.model;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** A member's sanity verdict on a proposed model; a decline carries its reason. */
@DataType
public record Vote(Identity member, @Property boolean approve, @Property String reason, @Property String at) {
}
