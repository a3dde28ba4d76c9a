package dln.chaincode.query;

import com.google.gson.JsonElement;
import dln.chaincode.model.Model;
import dln.chaincode.round.Round;
import dln.chaincode.update.Update;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;

/**
 * GetProviderWork's answer: the model, its current round (null for gossip or before the first),
 * the provider's newest update of the model (null before its first) and the views of the round's
 * parents (empty for the initial weights or past a page of them), and whether it abstained from
 * that round (then it took its turn there, as with a submission).
 */
@DataType
public record ProviderWork(Model model, Round round, JsonElement newest, List<Update> parents, boolean abstained) {
    public ProviderWork {
        parents = List.copyOf(parents);
    }
}
