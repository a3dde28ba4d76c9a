package dln.chaincode.keys;

import java.util.List;

/** A composite key (or, with fewer attributes, the prefix of a key range) before the stub encodes it. */
public record Key(String type, List<String> attributes) {

    public Key {
        attributes = List.copyOf(attributes);
    }

    public static Key of(final String type, final String... attributes) {
        return new Key(type, List.of(attributes));
    }

    public String[] attributeArray() {
        return attributes.toArray(new String[0]);
    }
}
