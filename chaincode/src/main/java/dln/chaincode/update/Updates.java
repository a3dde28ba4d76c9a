package dln.chaincode.update;

import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import dln.api.Rule;
import dln.chaincode.rule.Violation;

/** Loads an update or fails with UPDATE_NOT_FOUND. */
public final class Updates {

    private Updates() {
    }

    public static Update load(final Ledger ledger, final String updateId) {
        Ids.checkUpdate(updateId);
        return ledger.read(Keys.update(updateId), Update.class)
                .orElseThrow(() -> Violation.of(Rule.UPDATE_NOT_FOUND, "no update '" + updateId + "'; check the id returned by SubmitUpdate"));
    }
}
