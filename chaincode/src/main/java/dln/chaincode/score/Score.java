package dln.chaincode.score;

import dln.chaincode.identity.Identity;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One committee member's evaluation of an update on its validation fragment. When
 * {@code unavailable} the member could not fetch the weights within its patience: there is no
 * evaluation, so {@code value} and {@code samples} are 0 and the model's acceptance.unavailable
 * decides what the score counts for. {@code contribution} is the member's paired loss decrease
 * (nats, positive = the update helps) and {@code contributionSe} its standard error over the
 * fragment; both null when not measured. {@code contributionCosine} is the cosine between the
 * update's step and the step of its round's aggregate without it, null when not measured (gossip,
 * an update alone in its set, a member that predates it). {@code contributionStepRatio} is the
 * update's step norm over the lower median step norm of the set the member measured it in, null
 * when not measured (gossip, a member that predates it). {@code contributionCopies} is how many
 * updates of the set, this one included, the member found to be copies of one step (1: none),
 * null when not measured. {@code contributionBestClass} is the largest t-statistic of the same
 * paired loss decrease over the examples of one class of the fragment, null when not measured
 * (gossip, a regression, a member that predates it). {@code contributionStepSpread} is the median
 * distance of the measured set's step ratios from the typical step's 1, null when not measured.
 * {@code contributionAloneBestClass} and {@code contributionAloneHarmed} are what the update does
 * alone against its round's start, class by class: the largest t-statistic over one class, and the
 * share of the classes it makes worse by more than {@code DlnLedger.Contribution.CLASS_T} standard
 * errors; null when not measured (gossip, a regression, a member that predates them).
 * {@code contributionTrend} is the cosine between the update's step and the federation's last step
 * (its round's start less the start before it), null when not measured (gossip, the first round, a
 * member that predates it). {@code contributionShift} is how far leaving the update (with its
 * copies) out moves its round's aggregate, over the typical step of the measured set, null when not
 * measured (with the step ratio: gossip, a member that predates it).
 */
@DataType
public record Score(@Property String updateId, Identity member, @Property double value, @Property long samples, @Property String at,
        @Property String reason, @Property boolean unavailable, Double contribution, Double contributionSe,
        Double contributionCosine, Double contributionStepRatio, Integer contributionCopies,
        Double contributionBestClass, Double contributionStepSpread, Double contributionAloneBestClass, Double contributionAloneHarmed,
        Double contributionTrend, Double contributionShift) {
}
