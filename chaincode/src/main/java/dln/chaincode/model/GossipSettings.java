package dln.chaincode.model;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** Gossip mode: an update names 1..maxParents accepted parents. */
@DataType
public record GossipSettings(@Property int maxParents) {
}
