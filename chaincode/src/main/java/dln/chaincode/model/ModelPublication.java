package dln.chaincode.model;

import dln.chaincode.cid.Cid;
import dln.chaincode.event.Changes;
import dln.api.EventName;
import dln.chaincode.keys.Ids;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;
import java.util.List;

/** PublishModel: a proposed model, its status index and its initial weights' CID (which no update may reuse). */
public final class ModelPublication {

    private ModelPublication() {
    }

    public static Model publish(final Ledger ledger, final String specJson) {
        final Model model = ModelSpecReader.read(specJson, Ids.model(ledger.txId()), ledger.caller(), ledger.now());
        final String normalCid = Cid.normalize(model.initialWeightsCid(), "spec.initialWeightsCid");
        ledger.put(Keys.model(model.id()), model);
        ledger.index(statusKey(model), model.id());
        ledger.index(Keys.weights(model.id(), normalCid), Ids.INITIAL);
        final List<Object> members = model.committee().stream().map(m -> (Object) m.identity()).toList();
        new Changes().add(EventName.ModelPublished, "modelId", model.id(), "publisher", model.publisher(),
                "mode", model.mode(), "committee", members).emit(ledger);
        return model;
    }

    public static Key statusKey(final Model model) {
        return Key.of(Keys.MODEL_BY_STATUS, model.status().wire(), model.id());
    }
}
