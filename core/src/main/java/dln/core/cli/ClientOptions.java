package dln.core.cli;

import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.DlnLedger;
import dln.core.protocol.Participant;
import dln.core.storage.WeightStore;
import dln.ipfs.KuboClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every client shares: which network (connection profile) and which identity. */
public final class ClientOptions {

    @Option(names = "--profile", description = "connection profile written by network/network.sh up (default: .dln/connection.json or $DLN_PROFILE)")
    Path profile;

    @Option(names = {"-i", "--identity"}, description = "who to act as: a user of the profile, e.g. org2/User3")
    String identity;

    /** The connection profile, loaded. */
    public ConnectionProfile profile() {
        return ConnectionProfile.load(profile != null ? profile : ConnectionProfile.defaultPath());
    }

    /** The identity given, or {@code fallback} (a role from the profile) when none was. */
    public String identityOr(final String fallback) {
        if (identity != null && !identity.isBlank()) {
            return identity;
        }
        if (fallback == null) {
            throw new IllegalArgumentException("name an identity with --identity, e.g. --identity org2/User3");
        }
        return fallback;
    }

    /** Connects {@code who} to the ledger and to IPFS. */
    public Participant connect(final ConnectionProfile p, final String who) {
        final KuboClient ipfs = KuboClient.builder(p.ipfs().api()).build();
        return new Participant(who, DlnLedger.connect(p, who), new WeightStore(ipfs));
    }

    /** Where a client keeps its local state (checkpoints), under the run directory next to the profile. */
    public Path stateDir(final ConnectionProfile p, final String client, final String who) {
        final Path base = (profile != null ? profile : ConnectionProfile.defaultPath()).toAbsolutePath().getParent();
        return base.resolve("clients").resolve(client).resolve(who.replace('/', '_'));
    }
}
