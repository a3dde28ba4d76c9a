package dln.bench.secagg;

import dln.api.SecurePhase;
import dln.api.view.LedgerIdentity;
import dln.api.view.SecureRoundView;
import dln.bench.Table;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.secagg.FixedPoint;
import dln.core.secagg.MaskGraph;
import dln.core.secagg.MaskKeys;
import dln.core.secagg.MaskedVectors;
import dln.core.secagg.Masking;
import dln.core.secagg.SecretShares;
import dln.core.secagg.SecureAggregate;
import dln.core.secagg.ShareEnvelope;
import dln.core.storage.MemoryStore;
import dln.core.storage.WeightStore;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What secure aggregation costs a provider and whoever recovers a round, without the network: the
 * same code the providers run (dln.core.secagg), on random steps of the MLP's size, with and
 * without dropouts. A row is "ok" when the recovered sum equals the plain quantised sum bit for bit.
 */
@Command(name = "secagg", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Secure aggregation's cost per provider and per recovery, in this process (no network, no training).",
                "Per provider: deriving its keys and sealing its shares to every other; masking its step; opening the shares it reveals.",
                "Per round: rebuilding the secrets and unmasking the sum. 'exact' is ok when that sum is the plain one bit for bit."},
        footer = {"", "Exit status 1 when a row MISSED exactness.", "", "Examples:", "  ./dln bench secagg",
                "  ./dln bench secagg --providers 4,8,16,32 --dropped 0,0.25", "  ./dln bench secagg --providers 4 --graph-providers 16,32,64,128"})
public final class SecureAggregationBench implements Callable<Integer> {

    @Option(names = "--providers", split = ",", defaultValue = "4,8,16", description = "key-set sizes (default ${DEFAULT-VALUE})")
    int[] providers;
    @Option(names = "--dropped", split = ",", defaultValue = "0,0.25", description = "fractions that drop after sharing (default ${DEFAULT-VALUE})")
    double[] dropped;
    @Option(names = "--parameters", description = "coordinates per step (default: the built-in MLP's)")
    Integer parameters;
    @Option(names = "--graph-providers", split = ",", defaultValue = "16,32,64",
            description = "key-set sizes of the complete-against-sparse (SecAgg+) table; none to skip it (default ${DEFAULT-VALUE})")
    List<String> graphProviders;

    @Override
    public Integer call() throws Exception {
        final int d = parameters != null ? parameters : ArchitecturePlan.of(BuiltinModels.mlp().architecture()).parameterArrayLength();
        if (d < 1) {
            throw new IllegalArgumentException("--parameters must be at least 1");
        }
        final Table t = new Table(Table.f("secure aggregation, %,d parameters, threshold n/2+1 (ms, median over providers)", d),
                "providers", "dropped", "keys+shares", "mask", "reveal", "masked MB", "recover", "exact");
        boolean all = true;
        run(4, 0, Math.min(d, 10_000)); // warm-up: the first row would otherwise time the JIT compiler
        for (final int n : providers) {
            for (final double f : dropped) {
                if (n < 2 || n > 255 || f < 0 || f >= 0.5) {
                    throw new IllegalArgumentException("providers must be 2..255 and dropped fractions in [0, 0.5)");
                }
                final Row r = run(n, (int) Math.floor(n * f), d);
                all &= r.exact();
                t.row(n, r.dropped(), ms(r.share()), ms(r.mask()), ms(r.reveal()), Table.f("%.2f", r.maskedBytes() / 1e6), ms(r.recover()),
                        r.exact() ? "ok" : "MISSED");
            }
        }
        t.print();
        if (!graphProviders.equals(List.of("none"))) {
            all &= graphTable(d);
        }
        return all ? 0 : 1;
    }

    /**
     * Complete graph against SecAgg+'s sparse one (MaskGraph.harary, k = MaskGraph.degree(n)) at
     * each --graph-providers size and --dropped fraction: each provider shares with and masks
     * against its neighbours only (threshold k/2+1 of them), recovery rebuilds each secret from the
     * surviving neighbours' shares and removes only neighbours' pair masks.
     */
    private boolean graphTable(final int d) throws Exception {
        final Table t = new Table(Table.f("complete against sparse (SecAgg+) masking graph, %,d parameters (ms, median over providers)", d),
                "providers", "dropped", "graph", "k", "t", "keys+shares", "mask", "reveal", "recover", "exact");
        boolean all = true;
        for (final String text : graphProviders) {
            final int n = Integer.parseInt(text.trim());
            for (final double f : dropped) {
                final int drop = (int) Math.floor(n * f);
                final String context = MaskKeys.context("m-00000000000000000000000000000000", 1);
                for (final MaskGraph g : List.of(MaskGraph.complete(n), MaskGraph.harary(n, MaskGraph.degree(n), context))) {
                    final GraphRow r = graphRun(n, drop, d, g, context);
                    all &= r.exact() != Boolean.FALSE;
                    t.row(n, drop, g.k() >= n - 1 ? "complete" : "sparse", g.k(), g.k() / 2 + 1, ms(r.share()), ms(r.mask()), ms(r.reveal()),
                            ms(r.recover()), r.exact() == null ? "below t" : r.exact() ? "ok" : "MISSED");
                }
            }
        }
        t.print();
        System.out.println("'below t': a survivor kept fewer than t surviving neighbours; SecAgg+ sizes k and t to the dropout rate it tolerates.");
        return all;
    }

    private record GraphRow(long share, long mask, long reveal, long recover, Boolean exact) {}

    /** One round over graph {@code g}; the last {@code drop} providers share and then send nothing. exact null: not recoverable. */
    private static GraphRow graphRun(final int n, final int drop, final int d, final MaskGraph g, final String context) throws Exception {
        final int t = g.k() / 2 + 1;
        final SecureRandom random = new SecureRandom();
        final KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        final List<KeyPair> enrolment = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            enrolment.add(gen.generateKeyPair());
        }
        final long[] share = new long[n];
        final List<MaskKeys> keys = new ArrayList<>();
        // envelopes.get(u).get(v): u's shares sealed to its neighbour v, Shamir index = v's rank among u's neighbours + 1.
        final List<java.util.Map<Integer, String>> envelopes = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            final long t0 = System.nanoTime();
            final MaskKeys k = MaskKeys.derive(enrolment.get(u).getPrivate(), context);
            final List<Integer> around = new ArrayList<>(g.neighbours(u));
            final List<byte[]> mask = SecretShares.split(k.maskSecret(), t, around.size(), random);
            final List<byte[]> self = SecretShares.split(k.selfSeed(), t, around.size(), random);
            final java.util.Map<Integer, String> out = new java.util.HashMap<>();
            for (int j = 0; j < around.size(); j++) {
                final int v = around.get(j);
                out.put(v, ShareEnvelope.seal(new ShareEnvelope.Shares(mask.get(j), self.get(j)), context, u, v, enrolment.get(v).getPublic(), random));
            }
            share[u] = System.nanoTime() - t0;
            keys.add(k);
            envelopes.add(out);
        }
        final SortedMap<Integer, String> publicKeys = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            publicKeys.put(i, keys.get(i).publicKeyHex());
        }
        final int survivors = n - drop;
        final Random values = new Random(n * 31L + drop);
        long[] plain = new long[d];
        final long[] maskTimes = new long[survivors];
        final SortedMap<Integer, long[]> ys = new TreeMap<>();
        for (int u = 0; u < survivors; u++) {
            final float[] step = new float[d];
            for (int j = 0; j < d; j++) {
                step[j] = (float) (values.nextGaussian() * 0.01);
            }
            final long t0 = System.nanoTime();
            final long[] x = FixedPoint.quantise(step);
            final SortedMap<Integer, String> peers = new TreeMap<>();
            for (final int v : g.neighbours(u)) {
                peers.put(v, publicKeys.get(v));
            }
            ys.put(u, Masking.mask(x, keys.get(u), u, peers, context));
            maskTimes[u] = System.nanoTime() - t0;
            plain = FixedPoint.add(plain, x);
        }
        // Each survivor opens what its neighbours sealed to it: the self seed of a survivor, the mask key of a dropped one.
        final long[] reveal = new long[survivors];
        final java.util.Map<Integer, java.util.Map<Integer, byte[]>> shares = new java.util.HashMap<>();
        for (int r = 0; r < survivors; r++) {
            final long t0 = System.nanoTime();
            for (final int v : g.neighbours(r)) {
                final ShareEnvelope.Shares s = ShareEnvelope.open(envelopes.get(v).get(r), context, v, r, enrolment.get(r).getPrivate());
                final int index = new ArrayList<>(g.neighbours(v)).indexOf(r) + 1;
                shares.computeIfAbsent(v, x -> new java.util.HashMap<>()).put(index, v < survivors ? s.selfSeed() : s.maskKey());
            }
            reveal[r] = System.nanoTime() - t0;
        }
        final long t0 = System.nanoTime();
        final java.util.Map<Integer, byte[]> selfSeeds = new java.util.HashMap<>();
        final SortedMap<Integer, java.math.BigInteger> lost = new TreeMap<>();
        try {
            for (int v = 0; v < n; v++) {
                final java.util.Map<Integer, byte[]> of = shares.getOrDefault(v, java.util.Map.of());
                if (v < survivors) {
                    selfSeeds.put(v, SecretShares.rebuild(of, t, dln.core.secagg.MaskStream.SEED_BYTES, "self seed " + v));
                } else {
                    lost.put(v, MaskKeys.scalar(SecretShares.rebuild(of, t, MaskKeys.SCALAR_BYTES, "mask key " + v)));
                }
            }
        } catch (dln.core.secagg.SecureAggregationException e) {
            return new GraphRow(median(share), median(maskTimes), median(reveal), System.nanoTime() - t0, null);
        }
        final long[] sum = Masking.unmask(ys, selfSeeds, lost, publicKeys, context, g);
        return new GraphRow(median(share), median(maskTimes), median(reveal), System.nanoTime() - t0, Arrays.equals(sum, plain));
    }

    private record Row(int dropped, long share, long mask, long reveal, long maskedBytes, long recover, boolean exact) {}

    private static String ms(final long nanos) {
        return Table.f("%.1f", nanos / 1e6);
    }

    private static long median(final long[] v) {
        final long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    /** One round of n providers, the last {@code drop} of which share and then send nothing. */
    private static Row run(final int n, final int drop, final int d) throws Exception {
        final String context = MaskKeys.context("m-00000000000000000000000000000000", 1);
        final int t = n / 2 + 1;
        final SecureRandom random = new SecureRandom();
        final KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
        gen.initialize(new ECGenParameterSpec("secp256r1"), random);
        final List<KeyPair> enrolment = new ArrayList<>();
        final List<LedgerIdentity> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            enrolment.add(gen.generateKeyPair());
            ids.add(new LedgerIdentity("Org1MSP", String.format("x509::CN=provider%03d", i)));
        }
        final long[] share = new long[n];
        final List<MaskKeys> keys = new ArrayList<>();
        final List<List<String>> envelopes = new ArrayList<>();
        final List<List<String>> commitments = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            final long t0 = System.nanoTime();
            final MaskKeys k = MaskKeys.derive(enrolment.get(i).getPrivate(), context);
            final List<byte[]> mask = SecretShares.split(k.maskSecret(), t, n, random);
            final List<byte[]> self = SecretShares.split(k.selfSeed(), t, n, random);
            final List<String> out = new ArrayList<>();
            final List<String> committed = new ArrayList<>();
            for (int j = 0; j < n; j++) {
                final ShareEnvelope.Shares shares = new ShareEnvelope.Shares(mask.get(j), self.get(j));
                out.add(ShareEnvelope.seal(shares, context, i, j, enrolment.get(j).getPublic(), random));
                committed.add(ShareEnvelope.commitment(shares));
            }
            share[i] = System.nanoTime() - t0;
            keys.add(k);
            envelopes.add(out);
            commitments.add(committed);
        }
        final SortedMap<Integer, String> publicKeys = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            publicKeys.put(i, keys.get(i).publicKeyHex());
        }
        final int survivors = n - drop;
        final WeightStore store = new WeightStore(new MemoryStore());
        final Random values = new Random(n * 31L + drop);
        long[] plain = new long[d];
        final long[] mask = new long[survivors];
        final List<String> cids = new ArrayList<>();
        long maskedBytes = 0;
        for (int i = 0; i < survivors; i++) {
            final float[] step = new float[d];
            for (int j = 0; j < d; j++) {
                step[j] = (float) (values.nextGaussian() * 0.01);
            }
            final long t0 = System.nanoTime();
            final long[] x = FixedPoint.quantise(step);
            final byte[] bytes = MaskedVectors.encode(Masking.mask(x, keys.get(i), i, publicKeys, context));
            cids.add(store.putBytes(bytes));
            mask[i] = System.nanoTime() - t0;
            maskedBytes = bytes.length;
            plain = FixedPoint.add(plain, x);
        }
        final long[] reveal = new long[survivors];
        final List<List<String>> revealed = new ArrayList<>();
        for (int r = 0; r < survivors; r++) {
            final long t0 = System.nanoTime();
            final List<String> out = new ArrayList<>();
            for (int v = 0; v < n; v++) {
                final ShareEnvelope.Shares s = ShareEnvelope.open(envelopes.get(v).get(r), context, v, r, enrolment.get(r).getPrivate());
                out.add(HexFormat.of().formatHex(v < survivors ? s.selfSeed() : s.maskKey()));
            }
            reveal[r] = System.nanoTime() - t0;
            revealed.add(out);
        }
        final List<SecureRoundView.Party> parties = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parties.add(new SecureRoundView.Party(ids.get(i), publicKeys.get(i), null, envelopes.get(i), i < survivors ? cids.get(i) : null,
                    100, 1000, i < survivors ? revealed.get(i) : List.of(), null, commitments.get(i)));
        }
        final SecureRoundView view = new SecureRoundView(new SecureRoundView.Round("m-00000000000000000000000000000000", 1, SecurePhase.UNMASKING,
                t, ids, ids, ids.subList(0, survivors), ids.subList(0, survivors), null), parties);
        final long t0 = System.nanoTime();
        final long[] sum = SecureAggregate.sum(view, store, d, context);
        final long recover = System.nanoTime() - t0;
        return new Row(drop, median(share), median(mask), median(reveal), maskedBytes, recover, Arrays.equals(sum, plain));
    }
}
