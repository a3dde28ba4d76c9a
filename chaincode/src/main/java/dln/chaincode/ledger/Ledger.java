package dln.chaincode.ledger;

import dln.chaincode.identity.Identity;
import dln.chaincode.json.JsonCodec;
import dln.chaincode.keys.Key;
import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * One transaction's view of the world state. Fabric never shows a transaction its own writes,
 * so a read after a write would silently see stale data: this class refuses it, which also makes
 * every transaction validate everything before its first write.
 */
public final class Ledger {

    private final Context ctx;
    private final ChaincodeStub stub;
    private boolean writing;

    private Ledger(final Context ctx) {
        this.ctx = ctx;
        this.stub = ctx.getStub();
    }

    public static Ledger of(final Context ctx) {
        return new Ledger(ctx);
    }

    public Instant now() {
        return stub.getTxTimestamp();
    }

    public String txId() {
        return stub.getTxId();
    }

    public Identity caller() {
        return Identity.caller(ctx);
    }

    /** The caller's certificate in PEM form, as the signature carries it (never an argument). */
    public String callerCertificatePem() {
        try {
            final String body = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(ctx.getClientIdentity().getX509Certificate().getEncoded());
            return "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n";
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException("the caller's certificate was parsed by the shim and cannot fail to encode", e);
        }
    }

    private String encode(final Key key) {
        return stub.createCompositeKey(key.type(), key.attributeArray()).toString();
    }

    private void beforeRead() {
        if (writing) {
            throw new IllegalStateException("read after write: Fabric would return the committed value");
        }
    }

    public <T> Optional<T> read(final Key key, final Class<T> type) {
        beforeRead();
        final byte[] v = stub.getState(encode(key));
        return v == null || v.length == 0 ? Optional.empty() : Optional.of(JsonCodec.decode(v, type));
    }

    public Optional<String> readText(final Key key) {
        beforeRead();
        final byte[] v = stub.getState(encode(key));
        return v == null || v.length == 0 ? Optional.empty() : Optional.of(new String(v, StandardCharsets.UTF_8));
    }

    /** Values under a key prefix in key order, at most {@code limit} of them: every read is bounded. */
    public List<String> values(final Key prefix, final int limit) {
        beforeRead();
        final List<String> out = new ArrayList<>();
        final CompositeKey ck = stub.createCompositeKey(prefix.type(), prefix.attributeArray());
        try (QueryResultsIterator<KeyValue> it = stub.getStateByPartialCompositeKey(ck)) {
            for (final KeyValue kv : it) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(kv.getStringValue());
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("range query failed", e);
        }
        return out;
    }

    public <T> List<T> records(final Key prefix, final Class<T> type, final int limit) {
        final List<String> raw = values(prefix, limit);
        final List<T> out = new ArrayList<>(raw.size());
        for (final String s : raw) {
            out.add(JsonCodec.decode(s.getBytes(StandardCharsets.UTF_8), type));
        }
        return out;
    }

    /** One page of values under a prefix; the bookmark is the opaque key the next page starts at. */
    public Slice page(final Key prefix, final int pageSize, final String bookmark) {
        beforeRead();
        final CompositeKey ck = stub.createCompositeKey(prefix.type(), prefix.attributeArray());
        final String b = bookmark == null ? "" : bookmark;
        if (!b.isEmpty() && !b.startsWith(ck.toString())) {
            throw Violation.of(Rule.INVALID_BOOKMARK, "the bookmark does not belong to this query; pass the bookmark of the previous page or \"\"");
        }
        final List<String> out = new ArrayList<>();
        try (QueryResultsIteratorWithMetadata<KeyValue> it = stub.getStateByPartialCompositeKeyWithPagination(ck, pageSize, b)) {
            for (final KeyValue kv : it) {
                out.add(kv.getStringValue());
            }
            return new Slice(out, it.getMetadata() == null ? "" : it.getMetadata().getBookmark());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("paginated range query failed", e);
        }
    }

    public void put(final Key key, final Object record) {
        writing = true;
        stub.putState(encode(key), JsonCodec.bytes(record));
    }

    /** Index entries hold the id they point to: Fabric treats an empty value as a delete. */
    public void index(final Key key, final String pointsTo) {
        writing = true;
        stub.putState(encode(key), pointsTo.getBytes(StandardCharsets.UTF_8));
    }

    public void delete(final Key key) {
        writing = true;
        stub.delState(encode(key));
    }

    public void emit(final String name, final byte[] payload) {
        writing = true;
        stub.setEvent(name, payload);
    }

    /** A page of raw values and the bookmark of the next page ("" when there is none). */
    public record Slice(List<String> values, String bookmark) {
        public Slice {
            values = List.copyOf(values);
        }
    }
}
