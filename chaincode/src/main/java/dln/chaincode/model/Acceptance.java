package dln.chaincode.model;

import dln.api.AcceptancePolicy;
import dln.api.Combine;
import dln.api.UnavailablePolicy;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * An update is decided once {@code quorum} members scored it. Under the threshold policy the
 * combined standalone score must clear {@code threshold}; under the contribution policy the
 * combined t-statistic of the members' paired loss differences must not fall below
 * {@code -tolerance} (docs/protocol.md). {@code unavailable} says whether scores recorded as
 * unavailable count toward the quorum (reject) or not (abstain). Models stored before a field
 * existed read as threshold and abstain.
 */
@DataType
public record Acceptance(@Property int quorum, @Property double threshold, Combine combine, UnavailablePolicy unavailable,
                         AcceptancePolicy policy, @Property double tolerance) {
    public Acceptance {
        unavailable = unavailable == null ? UnavailablePolicy.ABSTAIN : unavailable;
        policy = policy == null ? AcceptancePolicy.THRESHOLD : policy;
    }

    /** True under the contribution policy. */
    public boolean byContribution() {
        return policy == AcceptancePolicy.CONTRIBUTION;
    }
}
