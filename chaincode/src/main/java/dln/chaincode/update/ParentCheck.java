package dln.chaincode.update;

import dln.chaincode.keys.Ids;
import dln.chaincode.ledger.Ledger;
import dln.chaincode.model.Model;
import dln.chaincode.rule.Rule;
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
                throw Rule.PARENT_NOT_FOUND.fail("parent '" + id + "' does not exist; name accepted updates of model " + model.id());
            }
            if (!parent.get().modelId().equals(model.id())) {
                throw Rule.PARENT_OF_OTHER_MODEL.fail("parent '" + id + "' belongs to model " + parent.get().modelId() + ", not " + model.id());
            }
            if (parent.get().status() != UpdateStatus.ACCEPTED) {
                throw Rule.PARENT_NOT_ACCEPTED.fail("parent '" + id + "' is " + parent.get().status().wire() + "; only accepted updates can be parents");
            }
        }
    }
}
