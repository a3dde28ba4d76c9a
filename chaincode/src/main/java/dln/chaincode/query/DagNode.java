package dln.chaincode.query;

import dln.chaincode.identity.Identity;
import dln.chaincode.update.Update;
import dln.api.UpdateStatus;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/** An update as a DAG vertex: enough to draw the graph and pick parents without fetching each update. */
@DataType
public record DagNode(@Property String id, List<String> parents, UpdateStatus status, @Property int round, Double score,
                      Identity submitter, @Property String weightsCid, @Property String submittedAt) {

    public DagNode {
        parents = List.copyOf(parents);
    }

    public static DagNode of(final Update u) {
        return new DagNode(u.id(), u.parents(), u.status(), u.round(), u.score(), u.submitter(), u.weightsCid(), u.submittedAt());
    }
}
