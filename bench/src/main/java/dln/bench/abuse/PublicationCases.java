package dln.bench.abuse;

import dln.api.LedgerException;
import dln.api.Rule;
import dln.bench.Table;
import dln.core.data.Dataset;
import dln.core.ledger.ConnectionProfile;
import dln.core.model.BuiltinModels;
import dln.core.protocol.DataSource;
import dln.core.protocol.Participant;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.session.consortium.Consortium;
import dln.session.consortium.NetworkConsortium;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cases that publish, on the real network, each through the publisher's own workflow (the
 * ledger's dry run refuses a publication before anything is uploaded): a TLS, CA, orderer, peer or
 * admin certificate of the network named as a committee member (a member is a member
 * organisation's client identity, NOT_CLIENT_CERTIFICATE), and a member publishing with itself on
 * the committee.
 */
final class PublicationCases {

    private PublicationCases() {
    }

    /** Prints the table; returns how many cases were MISSED. */
    static int run(final ConnectionProfile profile) throws IOException {
        final List<StateCases.Observed> all;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            all = observe(network, validation(), networkCertificates(profile));
        }
        final Table t = new Table("abuse: refused publications on the real network", "case", "actor", "expected", "observed", "result");
        all.forEach(o -> t.row(o.name(), o.who(), o.rule().name(), o.observed(), o.ok() ? "ok" : "MISSED"));
        t.print();
        final int missed = (int) all.stream().filter(o -> !o.ok()).count();
        System.out.printf("%n%d publication cases, %d ok, %d MISSED%n", all.size(), all.size() - missed, missed);
        return missed;
    }

    /** The validation set the cases' publications split among the committee. */
    static Dataset validation() throws IOException {
        return DataSource.load("mnist:validation", 7);
    }

    /**
     * Every case: each certificate of {@code certificates} ("a peer's TLS certificate" to PEM) in place of the last
     * committee member's, published by the publisher; then the first member publishing with itself
     * on the committee.
     */
    static List<StateCases.Observed> observe(final Consortium consortium, final Dataset validation, final Map<String, String> certificates) {
        final List<String> committee = consortium.committee();
        final String replaced = committee.get(committee.size() - 1);
        final List<StateCases.Observed> out = new ArrayList<>();
        try (Participant publisher = consortium.participant(consortium.publisher())) {
            certificates.forEach((label, pem) -> out.add(new StateCases.Observed(label + " named as a committee member",
                    consortium.publisher(), Rule.NOT_CLIENT_CERTIFICATE,
                    attempt(publisher, substituted(consortium.directory(), replaced, pem), committee, validation))));
        }
        final String member = committee.get(0);
        try (Participant self = consortium.participant(member)) {
            out.add(new StateCases.Observed("a committee member publishes naming itself on the committee", member, Rule.PUBLISHER_IN_COMMITTEE,
                    attempt(self, consortium.directory(), committee, validation)));
        }
        return out;
    }

    /** A model the consortium's publisher publishes and nobody approves: it stays proposed. */
    static String proposed(final Consortium consortium, final Dataset validation) {
        try (Participant publisher = consortium.participant(consortium.publisher())) {
            return new PublisherWorkflow(publisher, consortium.directory()).publish(request("abuse proposed", consortium.committee(), validation)).id();
        }
    }

    private static PublicationRequest request(final String name, final List<String> committee, final Dataset validation) {
        return new PublicationRequest(name, BuiltinModels.mlp(), "accuracy", "federated", "fedavg", 2, 0.5, "median", committee, validation, 1,
                3600, 2);
    }

    /** The rule the ledger named, "accepted", or what failed instead. */
    private static String attempt(final Participant who, final PublisherWorkflow.Directory directory, final List<String> committee,
            final Dataset validation) {
        try {
            new PublisherWorkflow(who, directory).publish(request("abuse publication", committee, validation));
            return "accepted";
        } catch (LedgerException e) {
            return e.code();
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }
    }

    /** {@code directory} with {@code identity}'s certificate replaced by {@code pem}. */
    private static PublisherWorkflow.Directory substituted(final PublisherWorkflow.Directory directory, final String identity, final String pem) {
        return new PublisherWorkflow.Directory() {
            @Override
            public String mspId(final String who) {
                return directory.mspId(who);
            }

            @Override
            public String certificatePem(final String who) {
                return who.equals(identity) ? pem : directory.certificatePem(who);
            }
        };
    }

    /**
     * The network's own certificates that are no client identity, from its crypto folder (the
     * publisher's enrolment certificate lies under its peerOrganizations): the first peer
     * organisation's peer (enrolment and TLS), CA, TLS CA, admin and a user's TLS client
     * certificate, and the first orderer's (enrolment and TLS) and its organisation's CA.
     */
    static Map<String, String> networkCertificates(final ConnectionProfile profile) throws IOException {
        Path crypto = Path.of(profile.resolve(profile.roles().publisher()).files().certFile()).toAbsolutePath();
        while (crypto != null && !crypto.getFileName().toString().equals("peerOrganizations")) {
            crypto = crypto.getParent();
        }
        if (crypto == null) {
            throw new IllegalStateException("the publisher's certificate lies under no peerOrganizations folder: no crypto folder to take certificates from");
        }
        final Path org = first(crypto, "*");
        final Path orderers = first(crypto.resolveSibling("ordererOrganizations"), "*");
        final Path peer = first(org.resolve("peers"), "*");
        final Path orderer = first(orderers.resolve("orderers"), "*");
        final Map<String, String> out = new LinkedHashMap<>();
        out.put("a peer's enrolment certificate", read(first(peer.resolve("msp/signcerts"), "*.pem")));
        out.put("a peer's TLS certificate", read(peer.resolve("tls/server.crt")));
        out.put("an organisation's CA certificate", read(first(org.resolve("ca"), "*.pem")));
        out.put("an organisation's TLS CA certificate", read(first(org.resolve("tlsca"), "*.pem")));
        out.put("an organisation admin's certificate", read(first(first(org.resolve("users"), "Admin@*").resolve("msp/signcerts"), "*.pem")));
        out.put("a user's TLS client certificate", read(first(org.resolve("users"), "User1@*").resolve("tls/client.crt")));
        out.put("an orderer's enrolment certificate", read(first(orderer.resolve("msp/signcerts"), "*.pem")));
        out.put("an orderer's TLS certificate", read(orderer.resolve("tls/server.crt")));
        out.put("the orderer organisation's CA certificate", read(first(orderers.resolve("ca"), "*.pem")));
        return out;
    }

    private static Path first(final Path dir, final String glob) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            final java.nio.file.PathMatcher m = dir.getFileSystem().getPathMatcher("glob:" + glob);
            return s.filter(p -> m.matches(p.getFileName())).sorted().findFirst()
                    .orElseThrow(() -> new IllegalStateException("nothing matches " + glob + " in " + dir));
        }
    }

    private static String read(final Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
