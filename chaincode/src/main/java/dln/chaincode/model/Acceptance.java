package dln.chaincode.model;

import dln.api.Combine;
import dln.api.UnavailablePolicy;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * An update is decided once {@code quorum} members scored it: combined score vs threshold.
 * {@code unavailable} says whether scores recorded as unavailable count toward that quorum
 * (reject) or not (abstain); models stored before it existed read as abstain.
 */
@DataType
public record Acceptance(@Property int quorum, @Property double threshold, Combine combine, UnavailablePolicy unavailable) {
    public Acceptance {
        unavailable = unavailable == null ? UnavailablePolicy.ABSTAIN : unavailable;
    }
}
