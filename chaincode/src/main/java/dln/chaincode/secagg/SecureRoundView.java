package dln.chaincode.secagg;

import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;

/** query:GetSecureRound: the round's steps and every key-set provider's part, in key-set order. */
@DataType
public record SecureRoundView(SecureRound round, List<SecureParty> parties) {
    public SecureRoundView {
        parties = List.copyOf(parties);
    }
}
