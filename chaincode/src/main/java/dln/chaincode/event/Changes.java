package dln.chaincode.event;

import dln.api.EventName;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import dln.chaincode.json.CanonicalJson;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.ledger.Ledger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The state changes of one transaction, in the order they happened, published as its single
 * chaincode event: {"event": primary name, "txId": ..., "changes": [{"event": name, ...ids}]}.
 */
public final class Changes {

    private final List<EventName> names = new ArrayList<>();
    private final JsonArray changes = new JsonArray();

    public Changes add(final EventName name, final Object... keyValues) {
        final JsonObject o = new JsonObject();
        o.addProperty("event", name.name());
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            final Object v = keyValues[i + 1];
            final JsonElement e = v instanceof JsonElement je ? je : JsonCodec.tree(v);
            o.add((String) keyValues[i], e);
        }
        names.add(name);
        changes.add(o);
        return this;
    }

    public EventName primary() {
        EventName best = names.get(0);
        for (final EventName n : names) {
            if (n.rank() > best.rank()) {
                best = n;
            }
        }
        return best;
    }

    public void emit(final Ledger ledger) {
        if (names.isEmpty()) {
            return;
        }
        final JsonObject payload = new JsonObject();
        payload.addProperty("event", primary().name());
        payload.addProperty("txId", ledger.txId());
        payload.add("changes", changes);
        ledger.emit(primary().name(), CanonicalJson.write(payload).getBytes(StandardCharsets.UTF_8));
    }
}
