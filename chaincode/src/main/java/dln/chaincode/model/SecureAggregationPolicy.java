package dln.chaincode.model;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A model whose rounds aggregate masked updates (docs/privacy.md): a round's aggregate is
 * recovered only once {@code threshold} providers revealed their shares, and each provider's
 * secrets are shared t-of-n among the round's providers with this threshold.
 */
@DataType
public record SecureAggregationPolicy(@Property int threshold) {
}
