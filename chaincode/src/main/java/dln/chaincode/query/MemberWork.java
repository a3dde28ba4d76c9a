package dln.chaincode.query;

import dln.chaincode.model.Model;
import dln.chaincode.round.Round;
import org.hyperledger.fabric.contract.annotation.DataType;

/**
 * GetMemberWork's answer: the model, its current round (null for gossip or before the first), the
 * first page of what the member has left to score and, while the round takes submissions, how
 * many it has and how many of its providers abstained (null otherwise): a member one short of a
 * due set needs no listing to tell.
 */
@DataType
public record MemberWork(Model model, Round round, Page unscored, Integer submitted, Integer abstained) {
}
