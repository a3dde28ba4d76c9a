package dln.chaincode.secagg;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A share that did not open for its recipient, or opened to something its sender had not committed
 * to: recorded on the round when the recipient reveals an empty share in its place. {@code rule} is
 * always SECAGG_SHARE_INVALID; {@code sender} dealt the share, {@code reporter} received it.
 */
@DataType
public record InvalidShare(@Property String rule, Identity sender, Identity reporter) {
}
