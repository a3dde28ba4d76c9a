package dln.ipfs.cid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidTest {
    private static final String RAW_EMPTY = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku";
    private static final String DAG_PB = "bafybeigafhro6fquvmzfrpayc5uyosu4ztjevtawjlmgdcoxqtj6z4anri";
    private static final String V0 = "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQH";

    @Test
    void rawCidIsSha256OfTheBytes() throws Exception {
        byte[] sha = MessageDigest.getInstance("SHA-256").digest(new byte[0]);
        Cid cid = Cid.rawSha256(sha);
        assertEquals(RAW_EMPTY, cid.toString());
        assertArrayEquals(sha, cid.digest());
        assertEquals("01551220" + HexFormat.of().formatHex(sha), HexFormat.of().formatHex(cid.toBytes()));
    }

    @Test
    void parsesAndPrintsCanonicalForms() {
        Cid raw = Cid.parse(RAW_EMPTY);
        assertEquals(1, raw.version());
        assertEquals(Cid.CODEC_RAW, raw.codec());
        assertTrue(raw.isRaw());
        assertEquals(RAW_EMPTY, raw.toString());

        Cid node = Cid.parse(DAG_PB);
        assertEquals(Cid.CODEC_DAG_PB, node.codec());
        assertFalse(node.isRaw());
        assertEquals(DAG_PB, node.toString());
        assertEquals(node, Cid.fromBytes(node.toBytes()));

        Cid v0 = Cid.parse(V0);
        assertEquals(0, v0.version());
        assertEquals(Cid.CODEC_DAG_PB, v0.codec());
        assertEquals(V0, v0.toString());
        assertEquals(34, v0.toBytes().length);
        assertEquals(v0, Cid.fromBytes(v0.toBytes()));
    }

    @Test
    void equalityFollowsContent() {
        assertEquals(Cid.parse(DAG_PB), Cid.parse(DAG_PB));
        assertEquals(Cid.parse(DAG_PB).hashCode(), Cid.parse(DAG_PB).hashCode());
        assertNotEquals(Cid.parse(DAG_PB), Cid.parse(RAW_EMPTY));
        // Same digest, different codec: different CIDs.
        Cid raw = Cid.parse(RAW_EMPTY);
        assertNotEquals(raw, Cid.dagPbSha256(raw.digest()));
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', value = {
        "''|empty",
        "' " + RAW_EMPTY + "'|whitespace",
        "BAFKREIHDWDCEFGH4DQKJV67UZCMW7OJEE6XEDZDETOJUZJEVTENXQUVYKU|multibase prefix 'B'",
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxQUVYKU|not lower-case base32",
        "zb2rhe5P4gXftAwvA4eXQ5HJwsER2owDyS9sKaQRRVQPn93bA|multibase prefix 'z'",
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk|non-zero trailing bits",
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvy|carries 31 bytes",
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvykuaa|carries 33 bytes",
        "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyk1|not lower-case base32",
        "bafyreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku|codec 0x71",
        "bafkrgqhdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku|multihash 0x13",
        "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQ|instead of 46",
        "QmbFMke1KXqnYyBBWxB74N4c5SBnJMVAiMNRcGu6x1AwQ0|not base58btc",
        "hello|multibase prefix 'h'",
        "b|truncated varint",
    })
    void rejectsMalformedTextWithAClearMessage(String text, String expectedInMessage) {
        InvalidCidException e = assertThrows(InvalidCidException.class, () -> Cid.parse(text));
        assertTrue(e.getMessage().contains(expectedInMessage), e.getMessage());
        assertFalse(Cid.isValid(text));
    }

    @Test
    void rejectsOtherVersionsAndOverlongVarints() {
        byte[] v3 = new byte[36];
        v3[0] = 3;
        v3[1] = 0x55;
        v3[2] = 0x12;
        v3[3] = 0x20;
        InvalidCidException e = assertThrows(InvalidCidException.class, () -> Cid.parse("b" + Base32.encode(v3)));
        assertTrue(e.getMessage().contains("CID version 3"), e.getMessage());
        // 0x81 0x00 encodes 1 non-minimally; accepting it would give one CID two spellings.
        byte[] padded = new byte[37];
        padded[0] = (byte) 0x81;
        padded[1] = 0;
        padded[2] = 0x55;
        padded[3] = 0x12;
        padded[4] = 0x20;
        e = assertThrows(InvalidCidException.class, () -> Cid.parse("b" + Base32.encode(padded)));
        assertTrue(e.getMessage().contains("not minimally encoded"), e.getMessage());
    }

    @Test
    void rejectsNullAndHugeInput() {
        assertThrows(InvalidCidException.class, () -> Cid.parse(null));
        InvalidCidException e = assertThrows(InvalidCidException.class, () -> Cid.parse("b" + "a".repeat(10_000)));
        assertTrue(e.getMessage().contains("characters long"), e.getMessage());
        assertTrue(e.getMessage().length() < 300, "message does not echo the whole input");
    }

    @Test
    void rejectsBadDigestLength() {
        assertThrows(IllegalArgumentException.class, () -> Cid.rawSha256(new byte[31]));
        assertThrows(InvalidCidException.class, () -> Cid.fromBytes(new byte[] {1, 0x55, 0x12, 0x20, 1, 2}));
    }

    @Test
    void acceptsKnownGoodValues() {
        assertTrue(Cid.isValid(RAW_EMPTY));
        assertTrue(Cid.isValid(DAG_PB));
        assertTrue(Cid.isValid(V0));
    }
}
