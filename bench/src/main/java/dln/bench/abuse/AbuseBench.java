package dln.bench.abuse;

import dln.api.LedgerException;
import dln.bench.Table;
import dln.chaincode.abuse.AbuseCase;
import dln.chaincode.abuse.CallCases;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.LedgerClient;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The shared abuse cases ({@link CallCases}, the same list the in-process AbuseTest runs) on the
 * real network, each through the gateway as its actor: a query evaluated, anything else
 * submitted; the refusal must name the case's rule.
 */
@Command(name = "abuse", mixinStandardHelpOptions = true,
        description = {"Refused calls on the real network: every transaction with missing, extra,",
                "non-UTF-8 and 2 MiB arguments, unknown names, bad numbers; the network's",
                "TLS, CA, peer, orderer and admin certificates named as committee members;",
                "malformed and missing weight files before the committee; then a crowd",
                "round and every role impersonating the others. Prints case,",
                "expected rule and observed; exit code 1 on any MISSED."},
        footer = {"", "Example:", "  ./dln bench abuse", "  ./dln bench abuse --only ARGUMENT_NOT_UTF8"})
public final class AbuseBench implements Callable<Integer> {

    /** Well-formed ids of nothing: every shared case is refused before the first read. */
    static final String MODEL = "m-0123456789abcdef0123456789abcdef";
    static final String UPDATE = "u-0123456789abcdef0123456789abcdef";

    @Option(names = "--only", description = "run only the cases whose name contains this text")
    String only;

    @Option(names = "--no-concurrency", negatable = true, defaultValue = "true",
            description = "also run one round in which every free user submits at once (about a minute; default ${DEFAULT-VALUE})")
    boolean concurrency;

    /** One case as the network answered it. */
    record Observed(AbuseCase c, String observed, long millis) {
        boolean ok() {
            return c.rule().name().equals(observed);
        }
    }

    @Override
    public Integer call() throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        final long t0 = System.nanoTime();
        final List<Observed> all = observeAll(profile, only);
        final Table t = new Table("abuse: refused calls on the real network", "case", "expected", "observed", "ms", "result");
        for (final Observed o : all) {
            t.row(o.c().name(), o.c().rule().name(), o.observed(), o.millis(), o.ok() ? "ok" : "MISSED");
        }
        t.print();
        int missed = (int) all.stream().filter(o -> !o.ok()).count();
        System.out.printf(java.util.Locale.ROOT, "%n%d cases, %d ok, %d MISSED, %.1f s%n", all.size(), all.size() - missed, missed,
                (System.nanoTime() - t0) / 1e9);
        if (only == null) {
            missed += PublicationCases.run(profile);
            missed += ArtefactCases.run(profile);
            missed += MissingContentCases.run(profile);
        }
        if (concurrency && only == null) {
            missed += Crowd.run(profile);
        }
        return missed == 0 ? 0 : 1;
    }

    /**
     * Every shared case whose name contains {@code only} (all when null), each called through the
     * gateway as its actor; the AbuseIT runs these on the network {@code ./dln test} starts.
     */
    static List<Observed> observeAll(final ConnectionProfile profile, final String only) {
        final Cast cast = Cast.of(profile);
        final Map<String, LedgerClient> clients = new HashMap<>();
        try {
            final LedgerClient outsider = client(clients, profile, cast, "outsider");
            final String metadata = new String(outsider.callRaw("org.hyperledger.fabric:GetMetadata", true), StandardCharsets.UTF_8);
            final List<AbuseCase> cases = CallCases.all(CallCases.arities(metadata), MODEL, UPDATE).stream()
                    .filter(c -> only == null || c.name().contains(only)).toList();
            final List<Observed> out = new java.util.ArrayList<>();
            for (final AbuseCase c : cases) {
                final long s = System.nanoTime();
                final String observed = observe(client(clients, profile, cast, c.who()), c);
                out.add(new Observed(c, observed, (System.nanoTime() - s) / 1_000_000));
            }
            return out;
        } finally {
            clients.values().forEach(LedgerClient::close);
        }
    }

    /** The rule the network named, or what happened instead. */
    static String observe(final LedgerClient client, final AbuseCase c) {
        try {
            client.callRaw(c.function(), c.isQuery(), c.argArray());
            return "accepted";
        } catch (LedgerException e) {
            return e.code();
        }
    }

    private static LedgerClient client(final Map<String, LedgerClient> clients, final ConnectionProfile profile, final Cast cast, final String actor) {
        return clients.computeIfAbsent(actor, a -> LedgerClient.connect(profile, cast.identity(a)));
    }
}
