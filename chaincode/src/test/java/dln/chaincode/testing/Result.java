package dln.chaincode.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** What one invocation returned, and what it tried to write and emit. */
public record Result(int status, String message, String payload, String eventName, String eventPayload,
                     int pendingWrites, long keysRead) {

    public boolean ok() {
        return status == 200;
    }

    /** The error code, which is the payload of a ChaincodeException raised by a rule. */
    public String error() {
        return ok() ? null : payload;
    }

    public JsonElement json() {
        if (!ok()) {
            throw new AssertionError("call failed: " + message);
        }
        return JsonParser.parseString(payload);
    }

    public JsonObject object() {
        return json().getAsJsonObject();
    }

    public JsonObject event() {
        return eventPayload == null ? null : JsonParser.parseString(eventPayload).getAsJsonObject();
    }
}
