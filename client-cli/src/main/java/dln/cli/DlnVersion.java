package dln.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * What {@code --version} prints for every command: dln's own version (from the jar) and the
 * Fabric and Kubo versions the network scripts build (from network/network.conf of the
 * launcher's clone, when run through ./dln).
 */
public final class DlnVersion implements CommandLine.IVersionProvider {

    private static final Pattern RELEASE = Pattern.compile("^(FABRIC|KUBO)_RELEASE=\"?([^\"\\s]+)\"?", Pattern.MULTILINE);

    @Override
    public String[] getVersion() {
        final String own = DlnVersion.class.getPackage().getImplementationVersion();
        final List<String> lines = new ArrayList<>();
        lines.add("dln " + (own == null ? "(development build)" : own));
        final String root = System.getenv("DLN_ROOT");
        if (root != null) {
            try {
                final Matcher m = RELEASE.matcher(Files.readString(Path.of(root, "network", "network.conf")));
                while (m.find()) {
                    lines.add((m.group(1).equals("FABRIC") ? "Hyperledger Fabric " : "Kubo ") + m.group(2) + " (built by network/)");
                }
            } catch (IOException e) {
                lines.add("network versions: " + root + "/network/network.conf unreadable (" + e.getMessage() + ")");
            }
        }
        return lines.toArray(String[]::new);
    }

    /** Gives {@code cl} and every subcommand this version. */
    static void install(final CommandLine cl) {
        cl.getCommandSpec().versionProvider(new DlnVersion());
        cl.getSubcommands().values().forEach(DlnVersion::install);
    }
}
