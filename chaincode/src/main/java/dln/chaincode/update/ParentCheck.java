package dln.chaincode.update;

import dln.api.UpdateStatus;
import dln.chaincode.keys.Ids;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.util.List;
import java.util.Optional;

/** Every parent is the model's initial weights or an accepted update of the same model. */
public final class ParentCheck {

    private ParentCheck() {
    }

    public static void verify(final Ledger ledger, final Model model, final List<String> parents) {
        for (final String id : parents) {
            if (Ids.INITIAL.equals(id)) {
                continue;
            }
            final Optional<Update> parent = ledger.read(dln.chaincode.keys.Keys.update(id), Update.class);
            if (parent.isEmpty()) {
                throw Violation.of(Rule.PARENT_NOT_FOUND, "parent '" + id + "' does not exist; name accepted updates of model " + model.id());
            }
            if (!parent.get().modelId().equals(model.id())) {
                throw Violation.of(Rule.PARENT_OF_OTHER_MODEL, "parent '" + id + "' belongs to model " + parent.get().modelId() + ", not " + model.id());
            }
            if (parent.get().status() != UpdateStatus.ACCEPTED) {
                throw Violation.of(Rule.PARENT_NOT_ACCEPTED, "parent '" + id + "' is " + parent.get().status().wire() + "; only accepted updates can be parents");
            }
        }
    }
}
