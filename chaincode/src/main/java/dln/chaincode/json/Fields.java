package dln.chaincode.json;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Typed, bounded access to one JSON object of a request. Construction refuses fields the request
 * type does not define, so a misspelt optional field is an error instead of a silent default.
 */
public final class Fields {

    private final JsonObject object;
    private final String where;

    private Fields(final JsonObject object, final String where) {
        this.object = object;
        this.where = where;
    }

    public static Fields of(final JsonObject object, final String where, final String... allowed) {
        final Set<String> known = Set.of(allowed);
        final TreeSet<String> unknown = new TreeSet<>();
        for (final String key : object.keySet()) {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            final TreeSet<String> sortedAllowed = new TreeSet<>(Arrays.asList(allowed));
            throw Violation.of(Rule.UNKNOWN_FIELD, where + " has unknown field(s) " + unknown + "; allowed: " + sortedAllowed);
        }
        return new Fields(object, where);
    }

    public boolean has(final String name) {
        return object.has(name) && !object.get(name).isJsonNull();
    }

    private JsonElement required(final String name) {
        if (!has(name)) {
            throw Violation.of(Rule.MISSING_FIELD, where + "." + name + " is required");
        }
        return object.get(name);
    }

    private JsonPrimitive primitive(final String name) {
        final JsonElement e = required(name);
        if (!e.isJsonPrimitive()) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a string, number or boolean");
        }
        return e.getAsJsonPrimitive();
    }

    public String text(final String name, final int minLength, final int maxLength) {
        final JsonPrimitive p = primitive(name);
        if (!p.isString()) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a string");
        }
        final String s = p.getAsString();
        if (s.length() < minLength || s.length() > maxLength) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be " + minLength + ".." + maxLength + " characters");
        }
        return s;
    }

    public String text(final String name, final Pattern pattern, final String shape) {
        final String s = text(name, 1, 4096);
        if (!pattern.matcher(s).matches()) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be " + shape);
        }
        return s;
    }

    public boolean flag(final String name) {
        final JsonPrimitive p = primitive(name);
        if (!p.isBoolean()) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be true or false");
        }
        return p.getAsBoolean();
    }

    public long integer(final String name, final long min, final long max) {
        final BigDecimal v = decimal(name);
        try {
            final long l = v.longValueExact();
            if (l < min || l > max) {
                throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be in " + min + ".." + max + ", got " + l);
            }
            return l;
        } catch (ArithmeticException e) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a whole number in " + min + ".." + max);
        }
    }

    public double number(final String name, final double min, final double max) {
        final double d = decimal(name).doubleValue();
        if (!Double.isFinite(d) || d < min || d > max) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a finite number in [" + min + ", " + max + "]");
        }
        return d;
    }

    private BigDecimal decimal(final String name) {
        final JsonPrimitive p = primitive(name);
        if (!p.isNumber()) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a number");
        }
        try {
            return p.getAsBigDecimal();
        } catch (NumberFormatException e) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a plain decimal number");
        }
    }

    public JsonObject object(final String name) {
        final JsonElement e = required(name);
        if (!e.isJsonObject()) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a JSON object");
        }
        return e.getAsJsonObject();
    }

    public Fields fields(final String name, final String... allowed) {
        return Fields.of(object(name), where + "." + name, allowed);
    }

    public JsonArray array(final String name, final int minSize, final int maxSize) {
        final JsonElement e = required(name);
        if (!e.isJsonArray()) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must be a JSON array");
        }
        final JsonArray a = e.getAsJsonArray();
        if (a.size() < minSize || a.size() > maxSize) {
            throw Violation.of(Rule.INVALID_FIELD, where + "." + name + " must hold " + minSize + ".." + maxSize + " entries, got " + a.size());
        }
        return a;
    }

    public String where() {
        return where;
    }
}
