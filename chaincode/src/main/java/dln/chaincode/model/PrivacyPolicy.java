package dln.chaincode.model;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A model's requirement of record-level differential privacy: every update must come from
 * DP-SGD with at least {@code noiseMultiplier} and exactly {@code clip}, and each provider's
 * cumulative epsilon on the model, at {@code delta}, must stay at most {@code epsilon}. The
 * sampling rate is the provider's (batch size over its private data size) and is not fixed here.
 */
@DataType
public record PrivacyPolicy(@Property double epsilon, @Property double delta, @Property double clip, @Property double noiseMultiplier) {
}
