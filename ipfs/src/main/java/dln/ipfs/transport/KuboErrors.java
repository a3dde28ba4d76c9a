package dln.ipfs.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dln.ipfs.IpfsCommandException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Maps Kubo's answers to the client's exceptions: a refusal the caller must fix
 * ({@link IpfsCommandException}: HTTP 4xx, or a Kubo error document) or a transient failure
 * ({@link TransientStatus}: 502/503/504, or a 5xx from something that is not Kubo).
 *
 * @param api the node's API base, named in messages so that a wrong address is easy to spot
 */
record KuboErrors(URI api) {
    // An error page longer than this is not going to tell a human more.
    private static final int ERROR_BODY_LIMIT = 64 * 1024;

    /**
     * Returns the body of a 200 response; turns anything else into the right exception.
     *
     * @param command the command, for the message
     * @param response the node's answer
     * @return its body
     * @throws IpfsCommandException if the node refused
     * @throws TransientStatus      if the failure may heal
     */
    <T extends InputStream> T ok(String command, HttpResponse<T> response) throws IOException {
        int status = response.statusCode();
        if (status == 200) {
            return response.body();
        }
        String body;
        try (InputStream in = response.body()) {
            body = new String(in.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8).trim();
        }
        JsonObject error = errorDocument(body);
        if (status >= 400 && status < 500) {
            String message = error != null ? KuboJson.string(error, "Message") : KuboJson.abbreviate(body);
            throw new IpfsCommandException(command + ": Kubo at " + api + " refused the request (HTTP " + status + "): "
                    + message + hint(status), status, message);
        }
        if (status >= 500 && status < 600 && error != null && status != 502 && status != 503 && status != 504) {
            throwIfError(command, status, error);
        }
        throw new TransientStatus(command + " got HTTP " + status + " " + KuboJson.abbreviate(body));
    }

    /**
     * Kubo reports some failures inside a 200 answer (e.g. an add that ran out of space), so every
     * answer object is checked, not only error statuses.
     *
     * @param command the command, for the message
     * @param status  the HTTP status the answer came with
     * @param answer  one JSON object of the answer
     * @throws IpfsCommandException if it is Kubo's error document
     */
    void throwIfError(String command, int status, JsonObject answer) throws IpfsCommandException {
        if (answer.has("Message") && "error".equals(KuboJson.string(answer, "Type"))) {
            String message = KuboJson.string(answer, "Message");
            throw new IpfsCommandException(command + ": Kubo at " + api + " failed: " + message, status, message);
        }
    }

    private static JsonObject errorDocument(String body) {
        try {
            JsonElement e = JsonParser.parseString(body);
            if (e.isJsonObject() && e.getAsJsonObject().has("Message")) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException | IllegalStateException ignored) {
            // Not Kubo's error document: a proxy page or a different server.
        }
        return null;
    }

    private static String hint(int status) {
        return switch (status) {
            case 404 -> "; is the address the RPC API (port 5001) rather than the gateway (port 8080)?";
            case 403 -> "; the node's API.Authorizations or HTTPHeaders settings reject this client";
            case 405 -> "; the RPC API takes POST only, is this a Kubo node?";
            default -> "";
        };
    }
}
