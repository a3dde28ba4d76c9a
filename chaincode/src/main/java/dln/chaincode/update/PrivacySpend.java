package dln.chaincode.update;

import dln.chaincode.identity.Identity;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * What one provider has spent on one model: the composed RDP curve of all its updates at the
 * orders of {@link dln.api.privacy.RdpAccountant#DLN}, the epsilon it converts to at the model's
 * delta, and how many updates made it. Kept whole (not recomputed from the updates) so a
 * submission reads one key whatever the provider submitted before.
 */
@DataType
public record PrivacySpend(@Property String modelId, Identity provider, List<Double> rdp, @Property double epsilon, @Property int updates) {
    public PrivacySpend {
        rdp = List.copyOf(rdp);
    }

    /** The curve as an array. */
    public double[] curve() {
        return rdp.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
