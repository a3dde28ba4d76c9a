package dln.bench.session;

import java.util.Map;
import picocli.CommandLine;

/**
 * A benchmark's own defaults for some of the demo's session options; every other option keeps
 * the demo's default. Subclasses name theirs (picocli builds the provider by its class).
 */
public abstract class OptionDefaults implements CommandLine.IDefaultValueProvider {

    private final Map<String, String> defaults;

    protected OptionDefaults(final Map<String, String> defaults) {
        this.defaults = Map.copyOf(defaults);
    }

    @Override
    public String defaultValue(final CommandLine.Model.ArgSpec arg) {
        return arg instanceof CommandLine.Model.OptionSpec o ? defaults.get(o.longestName()) : null;
    }
}
