package dln.chaincode.query;

import dln.chaincode.model.Model;
import dln.chaincode.round.Round;
import org.hyperledger.fabric.contract.annotation.DataType;

/** GetMemberWork's answer: the model, its current round (null for gossip or before the first) and the first page of what the member has left to score. */
@DataType
public record MemberWork(Model model, Round round, Page unscored) {
}
