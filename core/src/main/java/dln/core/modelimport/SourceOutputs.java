package dln.core.modelimport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which dln layer's output each source tensor is, so that both readers follow a graph, not only a
 * chain: dln's spec is a list whose every layer reads the previous one, plus {@code add} layers
 * that also read an earlier layer's output. A source layer must therefore take the previous
 * layer's output; an add may take one more tensor, which becomes its {@code from}.
 */
final class SourceOutputs {
    /** A source tensor: dln's layer whose output it is (-1: the model's input) and the assembler's stamp then. */
    private record Source(int layer, int stamp) { }

    private final SpecAssembler into;
    private final Map<String, Source> tensors = new HashMap<>();
    private String current;

    /** Starts at the model's input tensor {@code input}. */
    SourceOutputs(final SpecAssembler into, final String input) {
        this.into = into;
        this.current = input;
        tensors.put(input, new Source(-1, into.stamp()));
    }

    /**
     * Checks a source layer's inputs (the tensors it reads, not its weights) and returns the dln
     * layer an add adds to the previous output, or null for a one-input layer.
     *
     * @param merge true for an add, which takes the previous output and one earlier output
     */
    Integer from(final List<String> inputs, final boolean merge) {
        if (!merge) {
            if (!inputs.equals(List.of(current))) {
                throw into.refuse("takes " + inputs + ", not the previous layer's output '" + current + "': dln imports a chain of layers "
                        + "whose only branches are skip connections into an add");
            }
            return null;
        }
        if (inputs.size() != 2 || !inputs.contains(current)) {
            throw into.refuse("adds " + inputs + "; dln's add takes the previous layer's output '" + current + "' and one earlier output");
        }
        final String other = inputs.get(0).equals(current) ? inputs.get(1) : inputs.get(0);
        final Source s = tensors.get(other);
        if (s == null) {
            throw into.refuse("adds '" + other + "', which is not the output of an earlier layer");
        }
        if (s.layer() < 0) {
            throw into.refuse("adds the model's input '" + other + "'; dln's add takes an earlier layer's output");
        }
        if (into.changedSince(s.layer(), s.stamp())) {
            throw into.refuse("adds '" + other + "', which dln's layer " + s.layer() + " no longer outputs (a later activation or "
                    + "bias was folded into it)");
        }
        return s.layer();
    }

    /** Records {@code name} as the output of the layer just mapped: the last dln layer as it is now. */
    void produced(final String name) {
        tensors.put(name, new Source(into.last(), into.stamp()));
        current = name;
    }
}
