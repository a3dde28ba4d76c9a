package dln.bench.ledger;

import dln.bench.Table;
import dln.core.data.Dataset;
import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.model.BuiltinModels;
import dln.core.protocol.DataSource;
import dln.core.protocol.Participant;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.storage.WeightStore;
import dln.ipfs.KuboClient;
import dln.ipfs.cid.Cid;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * SubmitUpdate and SubmitScore throughput on the real network beside a put-only transaction of
 * the same chaincode (probe:Put), with the same client concurrency. Target: at least 0.8x.
 */
@Command(name = "ledger", mixinStandardHelpOptions = true, description = "Chaincode throughput: SubmitUpdate and SubmitScore vs a put-only transaction.",
        footer = {"", "Example:", "  ./dln bench ledger --transactions 300 --clients 12"})
public final class LedgerBench implements Callable<Integer> {

    @Option(names = "--transactions", defaultValue = "240", description = "transactions per kind (default ${DEFAULT-VALUE})")
    int transactions;
    @Option(names = "--clients", defaultValue = "12", description = "concurrent clients (default ${DEFAULT-VALUE})")
    int clients;

    private record Row(String tx, int count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    @Override
    public Integer call() throws Exception {
        if (clients < 3 || clients % 3 != 0) {
            throw new IllegalArgumentException("--clients must be a multiple of 3 (one share per committee member)");
        }
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        final String modelId = openGossipModel(profile);
        final List<String> writers = new ArrayList<>();
        for (String org : List.of("org1", "org2", "org3")) {
            for (int u = 6; u <= 8; u++) {
                writers.add(org + "/User" + u);
            }
        }
        final List<Row> rows = new ArrayList<>();
        rows.add(run(dln.api.Tx.PROBE_PUT.qualified(), writers, (ledger, i) -> ledger.transport().submit(dln.api.Tx.PROBE_PUT, "bench-" + modelId + "-" + i, "v" + i)));
        final List<String> updateIds = java.util.Collections.synchronizedList(new ArrayList<>());
        // The recipe the bench model was published with (the built-in MLP's), which every update must name.
        final String recipeHash = BuiltinModels.mlp().training().recipe().hash();
        rows.add(run("SubmitUpdate", writers, (ledger, i) -> updateIds.add(
                ledger.submitUpdate(modelId, fakeCid(modelId, i), List.of(UpdateView.INITIAL), 0, 1000, 2000, recipeHash).id())));
        final List<String> ordered = updateIds.stream().sorted().toList();
        final List<String> members = profile.roles().committee();
        // Each member scores every update once; quorum 3 so no update is decided before the last score.
        final int perMember = Math.min(ordered.size(), transactions / members.size());
        rows.add(run("SubmitScore", members, perMember, (ledger, j) -> ledger.submitScore(ordered.get(j), 0.9, 100), true));
        final double base = rows.get(0).perSecond();
        final Table t = new Table(clients + " concurrent clients, batch timeout from network.conf; model " + modelId,
                "transaction", "count", "time", "tx/s", "vs put");
        for (Row r : rows) {
            t.row(r.tx(), r.count(), Table.f("%.2fs", r.seconds()), Table.f("%.1f", r.perSecond()), Table.f("%.2fx", r.perSecond() / base));
        }
        t.print();
        // Its updates name weight files nobody added: closed, the model leaves no committee member a
        // backlog to fetch in vain (members serve open models only).
        try (DlnLedger publisher = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            publisher.closeModel(modelId);
        }
        return 0;
    }

    private interface Tx {
        void submit(DlnLedger ledger, int index) throws Exception;
    }

    private Row run(final String name, final List<String> identities, final Tx tx) throws Exception {
        return run(name, identities, transactions, tx, false);
    }

    private Row run(final String name, final List<String> identities, final int count, final Tx tx, final boolean byMember) throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        final List<DlnLedger> ledgers = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            ledgers.add(new DlnLedger(dln.core.ledger.FailoverTransport.ownPeer(profile, identities.get(c % identities.size()), dln.ipfs.RetryPolicy.OUTAGE)));
        }
        final ExecutorService pool = Executors.newFixedThreadPool(clients);
        final AtomicInteger next = new AtomicInteger();
        final int total = byMember ? count * identities.size() : count;
        System.out.printf("%-14s %d transactions from %d clients... ", name, total, clients);
        final long t0 = System.nanoTime();
        final List<Future<?>> fs = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            final DlnLedger ledger = ledgers.get(c);
            final int client = c;
            fs.add(pool.submit(() -> {
                if (byMember) {
                    // Client c acts for member c % m and takes every lanes-th item, so each member
                    // scores each of the first `count` items exactly once across its lanes.
                    final int lanes = clients / identities.size();
                    for (int j = client / identities.size(); j < count; j += lanes) {
                        tx.submit(ledger, j);
                    }
                } else {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        tx.submit(ledger, i);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : fs) {
            f.get();
        }
        final double secs = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        ledgers.forEach(DlnLedger::close);
        System.out.printf(Locale.ROOT, "%.1f s%n", secs);
        return new Row(name, total, secs);
    }

    private static String fakeCid(final String model, final int i) throws Exception {
        final MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(model.getBytes());
        md.update(ByteBuffer.allocate(4).putInt(i).array());
        return Cid.rawSha256(md.digest()).toString();
    }

    private String openGossipModel(final ConnectionProfile profile) throws Exception {
        final WeightStore store = new WeightStore(new dln.core.storage.KuboStore(KuboClient.builder(profile.ipfs().api()).build()));
        final Dataset validation = DataSource.load("mnist:validation", 7);
        try (Participant publisher = new Participant("publisher", dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher()), store)) {
            final ModelView m = new PublisherWorkflow(publisher, profile).publish(new PublicationRequest("ledger bench", BuiltinModels.mlp(),
                    "accuracy", "gossip", "fedavg", 3, 0.5, "median", profile.roles().committee(), validation, 1, 3600, 2));
            for (String member : profile.roles().committee()) {
                try (DlnLedger l = dln.core.ledger.FabricLedger.connect(profile, member)) {
                    if (l.getModel(m.id()).status() == dln.api.ModelStatus.PROPOSED) {
                        l.approveModel(m.id());
                    }
                }
            }
            return m.id();
        }
    }
}
