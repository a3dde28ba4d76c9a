package dln.chaincode.update;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * The DP-SGD mechanism behind one update, as the provider declares it, and the epsilon its
 * provider has spent on the model with this update included, as the chaincode recomputed it.
 */
@DataType
public record PrivacyRecord(@Property double noiseMultiplier, @Property double clip, @Property double samplingRate, @Property long steps,
                            @Property double epsilon) {
}
