package dln.ipfs.transport;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dln.ipfs.IpfsCommandException;
import dln.ipfs.cid.Cid;

/**
 * Reading Kubo's JSON answers. An answer that does not have the expected shape means the
 * address is not a Kubo RPC API (or a very different Kubo), which no retry fixes: every failure
 * here is an {@link IpfsCommandException} with HTTP status 200.
 */
public final class KuboJson {
    private static final int ABBREVIATE_AT = 300;

    private KuboJson() {
    }

    /**
     * @param command the command that answered, for the message
     * @param text    the answer
     * @return the answer as a JSON object
     * @throws IpfsCommandException if it is not one
     */
    public static JsonObject object(String command, String text) throws IpfsCommandException {
        try {
            JsonElement e = JsonParser.parseString(text);
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException ignored) {
            // reported below
        }
        throw new IpfsCommandException(command + ": the answer is not a JSON object: " + abbreviate(text)
                + " (is this a Kubo RPC API?)", 200, text);
    }

    /**
     * @param command the command that answered, for the message
     * @param text    a CID as Kubo wrote it
     * @return the parsed CID
     * @throws IpfsCommandException if it is not a CID
     */
    public static Cid cid(String command, String text) throws IpfsCommandException {
        try {
            return Cid.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IpfsCommandException(command + ": Kubo answered with an unusable CID: " + e.getMessage(), 200, text);
        }
    }

    /**
     * Kubo leaves out fields it has no value for, so a missing field reads as empty.
     *
     * @param o   a JSON object
     * @param key a field name
     * @return the field as a string, or "" when it is missing or null
     */
    public static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    /**
     * Keeps messages readable when a proxy answers with a whole HTML page.
     *
     * @param s any text
     * @return the text stripped, cut to 300 characters
     */
    public static String abbreviate(String s) {
        String t = s.strip();
        return t.length() <= ABBREVIATE_AT ? t : t.substring(0, ABBREVIATE_AT - 3) + "...";
    }
}
