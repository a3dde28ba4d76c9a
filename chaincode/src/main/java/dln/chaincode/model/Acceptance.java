package dln.chaincode.model;

import dln.api.Combine;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** An update is decided once {@code quorum} members scored it: combined score vs threshold. */
@DataType
public record Acceptance(@Property int quorum, @Property double threshold, Combine combine) {
}
