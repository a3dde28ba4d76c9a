package dln.api;

import java.util.List;
import java.util.Locale;

/**
 * The server optimisers a model may declare (Reddi et al. 2021, "Adaptive Federated
 * Optimization", Algorithm 2; FedAvgM from Hsu, Qi &amp; Brown 2019), with their numeric
 * parameters in the order the canonical form lists them ({@code fedadam:0.01:0.9:0.99:0.001}).
 * Adding one: a constant here and an implementation in core's optimiser registry.
 *
 * <p>Defaults, used for parameters a command line leaves out: the paper fixes
 * {@code beta1 = 0.9}, {@code beta2 = 0.99} in all its experiments and tunes the server rate and
 * {@code tau} on a log grid; {@code lr = 0.01} (10^-2) and {@code tau = 0.001} (10^-3) are in the
 * range it reports best for FedAdam and FedYogi on its image tasks (CIFAR-10, EMNIST; its
 * appendix tables), and are Flower's current FedAdam {@code tau}. FedAvgM's
 * {@code lr = 1, momentum = 0.9} is the paper's FedAvgM baseline momentum with a unit server
 * rate, so that with momentum 0 it is plain FedAvg.
 */
public enum OptimiserName {
    /** No server optimiser: the next global model is the aggregate itself. */
    NONE,
    /** Server momentum: {@code m <- momentum m + delta; x <- x + lr m}. */
    FEDAVGM(Param.rate("lr", 1.0), Param.decay("momentum", 0.9)),
    /** Adam on the pseudo-gradient, without bias correction (Reddi et al., Algorithm 2). */
    FEDADAM(Param.rate("lr", 0.01), Param.decay("beta1", 0.9), Param.decay("beta2", 0.99), Param.rate("tau", 0.001)),
    /** Yogi on the pseudo-gradient: Adam with an additive second-moment update (Reddi et al., Algorithm 2). */
    FEDYOGI(Param.rate("lr", 0.01), Param.decay("beta1", 0.9), Param.decay("beta2", 0.99), Param.rate("tau", 0.001));

    /**
     * One numeric parameter: its name, its default, and its range, checked by the parser so a
     * ledger can refuse a bad optimiser at publication.
     *
     * @param name         the parameter's name on the ledger
     * @param defaultValue the value a command line that leaves it out gets
     * @param fraction     whether it must lie in [0, 1) (a decay) rather than be positive (a rate or a constant)
     */
    public record Param(String name, double defaultValue, boolean fraction) {
        static Param rate(final String name, final double defaultValue) {
            return new Param(name, defaultValue, false);
        }

        static Param decay(final String name, final double defaultValue) {
            return new Param(name, defaultValue, true);
        }

        /** Whether {@code v} is in range. */
        public boolean accepts(final double v) {
            return fraction ? v >= 0 && v < 1 : v > 0 && Double.isFinite(v);
        }

        /** The range in words, for error messages. */
        public String range() {
            return fraction ? "in [0, 1)" : "a positive finite number";
        }
    }

    private final List<Param> params;

    OptimiserName(final Param... params) {
        this.params = List.of(params);
    }

    /** The name on the ledger and on command lines, e.g. "fedadam". */
    public String wire() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The parameters, in canonical order. */
    public List<Param> params() {
        return params;
    }

    /** The parameter names, in canonical order. */
    public List<String> paramNames() {
        return params.stream().map(Param::name).toList();
    }

    /** The form a user writes, e.g. "fedavgm[:&lt;lr&gt;[:&lt;momentum&gt;]]": trailing parameters may be left out. */
    public String usage() {
        final StringBuilder b = new StringBuilder(wire());
        params.forEach(p -> b.append("[:<").append(p.name()).append('>'));
        params.forEach(p -> b.append(']'));
        return b.toString();
    }

    /** Every optimiser's usage, for error messages. */
    public static String known() {
        final StringBuilder b = new StringBuilder();
        for (OptimiserName n : values()) {
            b.append(b.length() == 0 ? "" : ", ").append(n.usage());
        }
        return b.toString();
    }

    /** The optimiser named {@code wire}; IllegalArgumentException naming the known ones otherwise. */
    public static OptimiserName of(final String wire) {
        for (OptimiserName n : values()) {
            if (n.wire().equals(wire)) {
                return n;
            }
        }
        throw new IllegalArgumentException("unknown server optimiser '" + wire + "'; known: " + known());
    }
}
