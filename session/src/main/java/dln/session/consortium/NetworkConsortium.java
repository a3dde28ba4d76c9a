package dln.session.consortium;

import dln.core.crypto.Pem;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.FabricLedger;
import dln.core.protocol.Participant;
import dln.core.protocol.PublisherWorkflow;
import dln.core.storage.KuboStore;
import dln.core.storage.WeightStore;
import dln.ipfs.KuboClient;
import dln.ipfs.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The real network of a connection profile: identities and keys from the profile's files, each
 * participant with its own Fabric gateway connection, each organisation's participants with one
 * Kubo store (riding out outages).
 */
public final class NetworkConsortium implements Consortium {

    private final ConnectionProfile profile;
    private final java.util.function.UnaryOperator<dln.api.LedgerTransport> decorate;
    private final java.util.Map<String, WeightStore> stores = new java.util.concurrent.ConcurrentHashMap<>();

    public NetworkConsortium(final ConnectionProfile profile) {
        this(profile, java.util.function.UnaryOperator.identity());
    }

    /** Every participant's ledger calls pass through {@code decorate}'s transport: how a bench counts them. */
    public NetworkConsortium(final ConnectionProfile profile, final java.util.function.UnaryOperator<dln.api.LedgerTransport> decorate) {
        this.profile = profile;
        this.decorate = decorate;
    }

    /** The network of the default connection profile (.dln/connection.json, or DLN_PROFILE). */
    public static NetworkConsortium fromDefaultProfile() {
        return new NetworkConsortium(ConnectionProfile.load(ConnectionProfile.defaultPath()));
    }

    /** The network of the default connection profile, every participant's calls through {@code decorate}. */
    public static NetworkConsortium fromDefaultProfile(final java.util.function.UnaryOperator<dln.api.LedgerTransport> decorate) {
        return new NetworkConsortium(ConnectionProfile.load(ConnectionProfile.defaultPath()), decorate);
    }

    @Override
    public String ledgerName() {
        return "fabric";
    }

    @Override
    public String publisher() {
        return profile.roles().publisher();
    }

    @Override
    public List<String> committee() {
        return profile.roles().committee();
    }

    @Override
    public List<String> providers(final int n) {
        return providerIdentities(profile, n);
    }

    /**
     * Provider identities: the profile's provider role first, then every other enrolled user of
     * User3 and above that is neither publisher nor committee, organisation by organisation.
     */
    public static List<String> providerIdentities(final ConnectionProfile profile, final int n) {
        final List<String> ids = new ArrayList<>(profile.roles().providers());
        final Set<String> taken = new HashSet<>(ids);
        taken.add(profile.roles().publisher());
        taken.addAll(profile.roles().committee());
        for (int user = 3; ids.size() < n && user <= 99; user++) {
            for (String org : profile.organizations().keySet().stream().sorted().toList()) {
                final String id = org + "/User" + user;
                if (profile.organizations().get(org).users().containsKey("User" + user) && taken.add(id)) {
                    ids.add(id);
                }
            }
        }
        requireFreeUsers(n, ids.size());
        return ids.subList(0, n);
    }

    /**
     * Refuses {@code n} providers where {@code free} users are enrolled for them: what
     * {@link #providerIdentities} checks on a profile, and the launcher's check of a session's
     * options ({@code SessionOptions.checkProviders}) on the count a network not set up yet will
     * enrol (network.conf), before anything starts.
     */
    public static void requireFreeUsers(final int n, final int free) {
        if (free < n) {
            throw new IllegalArgumentException(n + " providers need " + n + " enrolled users; the network has " + free
                    + " free ones (raise USERS_PER_ORG in network/network.conf)");
        }
    }

    @Override
    public Participant participant(final String identity) {
        return new Participant(identity, FabricLedger.connect(profile, identity, decorate), storeOf(identity).withOwnClock());
    }

    /**
     * The store of {@code identity}'s organisation, on its own IPFS node when the profile names
     * one: every participant of one organisation shares its cache and its fetches (each with its
     * own count of fetch time, {@link WeightStore#withOwnClock}), as an organisation's roles share
     * its host. One store per participant had each of 16 providers fetch, verify and decode all 16
     * parents of a round on one machine (Kubo served 204 MB a round and took 1.0 core-seconds of
     * it, 2026-12-05); a consortium of hosts fetches a round's parents once per organisation, and
     * so does this.
     */
    WeightStore storeOf(final String identity) {
        final String api = profile.ipfsOf(identity).api();
        return stores.computeIfAbsent(profile.resolve(identity).org() + " " + api,
                k -> new WeightStore(new KuboStore(KuboClient.builder(api).retryPolicy(RetryPolicy.OUTAGE).build())));
    }

    @Override
    public PrivateKey privateKey(final String identity) {
        try {
            return Pem.privateKey(Files.readString(Path.of(profile.resolve(identity).files().keyFile())));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + identity + "'s private key: " + e.getMessage(), e);
        }
    }

    @Override
    public PublisherWorkflow.Directory directory() {
        return PublisherWorkflow.Directory.of(profile);
    }

    @Override
    public void close() {
        // Nothing held: every participant closes its own gateway connection; Kubo is plain HTTP.
    }
}
