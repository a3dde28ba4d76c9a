package dln.api;

import java.util.Locale;

/**
 * A ledger enum whose JSON form is its constant's name in lower case ("open",
 * "reputation_weighted_mean"), the form Gson writes through each constant's SerializedName.
 */
public interface WireName {

    /** The constant's name, as in {@link Enum#name()}. */
    String name();

    /** The form on the ledger. */
    default String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The constant of {@code type} whose wire form is {@code wire}; empty for any other text. */
    static <E extends Enum<E> & WireName> java.util.Optional<E> parse(final Class<E> type, final String wire) {
        for (E e : type.getEnumConstants()) {
            if (e.wire().equals(wire)) {
                return java.util.Optional.of(e);
            }
        }
        return java.util.Optional.empty();
    }
}
