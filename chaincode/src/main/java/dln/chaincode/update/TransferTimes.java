package dln.chaincode.update;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Where a provider's step spent time on IPFS, as the provider declares it: fetching its start
 * weights and uploading its trained weights. Like {@code trainingMillis} it is a claim for the
 * console's timing page, never used to decide anything; the ledger cannot see IPFS otherwise.
 */
@DataType
public record TransferTimes(@Property long fetchMillis, @Property long uploadMillis) {
}
