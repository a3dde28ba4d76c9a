package dln.chaincode.inprocess;

import dln.api.EventName;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.QueryResponseMetadata;
import org.hyperledger.fabric.protos.peer.SignedProposal;
import org.hyperledger.fabric.shim.Chaincode;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyModification;
import org.hyperledger.fabric.shim.ledger.KeyValue;
import org.hyperledger.fabric.shim.ledger.QueryResultsIterator;
import org.hyperledger.fabric.shim.ledger.QueryResultsIteratorWithMetadata;

/**
 * A ChaincodeStub over an in-memory world state that behaves like a Fabric peer on LevelDB:
 * keys ordered as UTF-8 bytes (code point order), reads see only committed state (never the
 * transaction's own writes), writes and the event are buffered until {@link #commit()}, one
 * event per transaction (the last setEvent wins), pagination returns the next key as bookmark.
 * It counts every key a transaction reads, point or range, so tests can prove queries are ranges.
 */
public final class InMemoryStub implements ChaincodeStub {

    private static final String MAX_UNICODE_RUNE = new String(Character.toChars(0x10FFFF));
    private static final Comparator<String> UTF8_ORDER = (a, b) -> {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            final int ca = a.codePointAt(i);
            final int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    };

    private final NavigableMap<String, byte[]> world = new TreeMap<>(UTF8_ORDER);
    private final Map<String, byte[]> writes = new LinkedHashMap<>();
    private List<byte[]> args = List.of();
    private String txId = "";
    private Instant timestamp = Instant.EPOCH;
    private byte[] creator = new byte[0];
    private String eventName;
    private byte[] eventPayload;
    private long keysRead;

    // ---- transaction lifecycle (test side) ----

    public void begin(final String txId, final Instant timestamp, final byte[] creator, final List<String> stringArgs) {
        final List<byte[]> a = new ArrayList<>();
        for (final String s : stringArgs) {
            a.add(s.getBytes(StandardCharsets.UTF_8));
        }
        beginRaw(txId, timestamp, creator, a);
    }

    /** Same, with the arguments as the bytes a client sent (which need not be UTF-8). */
    public void beginRaw(final String txId, final Instant timestamp, final byte[] creator, final List<byte[]> rawArgs) {
        this.txId = txId;
        this.timestamp = timestamp;
        this.creator = creator.clone();
        this.args = List.copyOf(rawArgs);
        writes.clear();
        eventName = null;
        eventPayload = null;
        keysRead = 0;
    }

    /** Applies the write set, as the peer does for a valid transaction. */
    public void commit() {
        for (final Map.Entry<String, byte[]> w : writes.entrySet()) {
            if (w.getValue() == null || w.getValue().length == 0) {
                world.remove(w.getKey());
            } else {
                world.put(w.getKey(), w.getValue());
            }
        }
    }

    public int pendingWrites() {
        return writes.size();
    }

    public String eventName() {
        return eventName;
    }

    public String eventPayload() {
        return eventPayload == null ? null : new String(eventPayload, StandardCharsets.UTF_8);
    }

    public long keysRead() {
        return keysRead;
    }

    public Map<String, String> snapshot() {
        final Map<String, String> copy = new TreeMap<>(UTF8_ORDER);
        for (final Map.Entry<String, byte[]> e : world.entrySet()) {
            copy.put(e.getKey(), new String(e.getValue(), StandardCharsets.UTF_8));
        }
        return Collections.unmodifiableMap(copy);
    }

    public int size() {
        return world.size();
    }

    // ---- ChaincodeStub ----

    @Override
    public List<byte[]> getArgs() {
        return args;
    }

    @Override
    public List<String> getStringArgs() {
        return args.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public String getFunction() {
        return getStringArgs().isEmpty() ? null : getStringArgs().get(0);
    }

    @Override
    public List<String> getParameters() {
        final List<String> s = getStringArgs();
        return s.isEmpty() ? List.of() : s.subList(1, s.size());
    }

    @Override
    public String getTxId() {
        return txId;
    }

    @Override
    public String getChannelId() {
        return "learning";
    }

    @Override
    public byte[] getState(final String key) {
        keysRead++;
        return world.get(key);
    }

    @Override
    public void putState(final String key, final byte[] value) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        writes.put(key, value == null ? null : value.clone());
    }

    @Override
    public void delState(final String key) {
        writes.put(key, null);
    }

    private Iterator<KeyValue> scan(final String startInclusive, final String endExclusive, final int limit) {
        final Iterator<Map.Entry<String, byte[]>> it = world.subMap(startInclusive, true, endExclusive, false).entrySet().iterator();
        return new Iterator<>() {
            private int served;

            @Override
            public boolean hasNext() {
                return served < limit && it.hasNext();
            }

            @Override
            public KeyValue next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                served++;
                keysRead++;
                final Map.Entry<String, byte[]> e = it.next();
                return new Kv(e.getKey(), e.getValue());
            }
        };
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByRange(final String startKey, final String endKey) {
        final String end = endKey == null || endKey.isEmpty() ? MAX_UNICODE_RUNE : endKey;
        return new Results(scan(startKey == null ? "" : startKey, end, Integer.MAX_VALUE));
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByRangeWithPagination(final String startKey, final String endKey,
                                                                                    final int pageSize, final String bookmark) {
        final String start = bookmark == null || bookmark.isEmpty() ? startKey : bookmark;
        final String end = endKey == null || endKey.isEmpty() ? MAX_UNICODE_RUNE : endKey;
        final List<KeyValue> page = new ArrayList<>();
        scan(start, end, pageSize).forEachRemaining(page::add);
        // Like LevelDB's scanner: the bookmark is the key after the page, "" when the range is exhausted.
        final Map.Entry<String, byte[]> after = page.isEmpty() ? null : world.higherEntry(page.get(page.size() - 1).getKey());
        final String next = after != null && UTF8_ORDER.compare(after.getKey(), end) < 0 ? after.getKey() : "";
        final QueryResponseMetadata meta = QueryResponseMetadata.newBuilder()
                .setFetchedRecordsCount(page.size()).setBookmark(next).build();
        return new PagedResults(page, meta);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String compositeKey) {
        return getStateByRange(compositeKey, compositeKey + MAX_UNICODE_RUNE);
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final String objectType, final String... attributes) {
        return getStateByPartialCompositeKey(new CompositeKey(objectType, attributes));
    }

    @Override
    public QueryResultsIterator<KeyValue> getStateByPartialCompositeKey(final CompositeKey compositeKey) {
        return getStateByPartialCompositeKey(compositeKey.toString());
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getStateByPartialCompositeKeyWithPagination(final CompositeKey compositeKey,
                                                                                                  final int pageSize, final String bookmark) {
        final String prefix = compositeKey.toString();
        return getStateByRangeWithPagination(prefix, prefix + MAX_UNICODE_RUNE, pageSize, bookmark);
    }

    @Override
    public CompositeKey createCompositeKey(final String objectType, final String... attributes) {
        return new CompositeKey(objectType, attributes);
    }

    @Override
    public CompositeKey splitCompositeKey(final String compositeKey) {
        return CompositeKey.parseCompositeKey(compositeKey);
    }

    @Override
    public void setEvent(final String name, final byte[] payload) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("event name can not be empty string");
        }
        eventName = name;
        eventPayload = payload == null ? null : payload.clone();
    }

    @Override
    public Instant getTxTimestamp() {
        return timestamp;
    }

    @Override
    public byte[] getCreator() {
        return creator.clone();
    }

    @Override
    public String getMspId() {
        return "Org1MSP";
    }

    @Override
    public Map<String, byte[]> getTransient() {
        return Map.of();
    }

    // ---- not used by dln: fail loudly rather than pretend ----

    @Override
    public Chaincode.Response invokeChaincode(final String name, final List<byte[]> a, final String channel) {
        throw new UnsupportedOperationException("invokeChaincode");
    }

    @Override
    public byte[] getStateValidationParameter(final String key) {
        throw new UnsupportedOperationException("getStateValidationParameter");
    }

    @Override
    public void setStateValidationParameter(final String key, final byte[] value) {
        throw new UnsupportedOperationException("setStateValidationParameter");
    }

    @Override
    public QueryResultsIterator<KeyValue> getQueryResult(final String query) {
        throw new UnsupportedOperationException("rich queries do not exist on LevelDB");
    }

    @Override
    public QueryResultsIteratorWithMetadata<KeyValue> getQueryResultWithPagination(final String query, final int pageSize, final String bookmark) {
        throw new UnsupportedOperationException("rich queries do not exist on LevelDB");
    }

    @Override
    public QueryResultsIterator<KeyModification> getHistoryForKey(final String key) {
        throw new UnsupportedOperationException("getHistoryForKey");
    }

    @Override
    public byte[] getPrivateData(final String collection, final String key) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public byte[] getPrivateDataHash(final String collection, final String key) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public byte[] getPrivateDataValidationParameter(final String collection, final String key) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public void putPrivateData(final String collection, final String key, final byte[] value) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public void setPrivateDataValidationParameter(final String collection, final String key, final byte[] value) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public void delPrivateData(final String collection, final String key) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public void purgePrivateData(final String collection, final String key) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByRange(final String collection, final String startKey, final String endKey) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection, final String compositeKey) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection, final CompositeKey compositeKey) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataByPartialCompositeKey(final String collection, final String objectType,
                                                                              final String... attributes) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public QueryResultsIterator<KeyValue> getPrivateDataQueryResult(final String collection, final String query) {
        throw new UnsupportedOperationException("private data");
    }

    @Override
    public ChaincodeEvent getEvent() {
        if (eventName == null) {
            return null;
        }
        return ChaincodeEvent.newBuilder().setEventName(eventName).setTxId(txId)
                .setPayload(com.google.protobuf.ByteString.copyFrom(eventPayload)).build();
    }

    @Override
    public SignedProposal getSignedProposal() {
        throw new UnsupportedOperationException("getSignedProposal");
    }

    @Override
    public byte[] getBinding() {
        throw new UnsupportedOperationException("getBinding");
    }

    private record Kv(String key, byte[] value) implements KeyValue {
        @Override
        public String getKey() {
            return key;
        }

        @Override
        public byte[] getValue() {
            return value.clone();
        }

        @Override
        public String getStringValue() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private static final class Results implements QueryResultsIterator<KeyValue> {
        private final Iterator<KeyValue> it;

        Results(final Iterator<KeyValue> it) {
            this.it = it;
        }

        @Override
        public Iterator<KeyValue> iterator() {
            return it;
        }

        @Override
        public void close() {
        }
    }

    private static final class PagedResults implements QueryResultsIteratorWithMetadata<KeyValue> {
        private final List<KeyValue> page;
        private final QueryResponseMetadata meta;

        PagedResults(final List<KeyValue> page, final QueryResponseMetadata meta) {
            this.page = page;
            this.meta = meta;
        }

        @Override
        public Iterator<KeyValue> iterator() {
            return page.iterator();
        }

        @Override
        public QueryResponseMetadata getMetadata() {
            return meta;
        }

        @Override
        public void close() {
        }
    }
}
