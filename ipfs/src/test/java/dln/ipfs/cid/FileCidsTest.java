package dln.ipfs.cid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.ipfs.testing.SeededBytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Vectors from Kubo 0.42.0: {@code ipfs add --only-hash -Q --cid-version=1 --raw-leaves f}
 * where f holds the first N bytes of {@code new SeededBytes(42, N)}.
 */
class FileCidsTest {
    private static final int CHUNK = 262_144;

    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({
        "0,        bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku",
        "1,        bafkreic3vugrcmvmcuwpmv56remk4frvpbci2vwubxxzuwip4pokwdbttm",
        "262144,   bafkreihadgqyctk5v5a4hpracruca5ai72oqtnyoyqaklmbphnpbv34l6i",
        "262145,   bafybeigafhro6fquvmzfrpayc5uyosu4ztjevtawjlmgdcoxqtj6z4anri",
        "3000000,  bafybeihrd4zavsbifhxj2lrfgavqop3g2wxp3jx6ppwo4f3tcb3uqhi3ka",
        // 174 chunks exactly: one full node, still one level
        "45613056, bafybeiftdscokasupwpn4ln2l6li3iymkgry2qy6mavch3ddyu6ym5rkou",
        // 180 chunks: a second level (root -> [174 leaves], [6 leaves])
        "47000000, bafybeiers7wreiyiovhccuxmigqg6xm3qpkqmglkbjs7ns7oukrxx47ypi",
    })
    void matchesKuboForSeededFiles(long length, String expected) throws IOException {
        try (InputStream in = new SeededBytes(42, length)) {
            assertEquals(expected, FileCids.of(in).toString());
        }
    }

    @Test
    void sameCidWhateverTheSlicing() {
        byte[] data = SeededBytes.bytes(42, 3_000_000);
        FileCidHasher hasher = new FileCidHasher();
        int[] slices = {1, 7, 262_143, 2, 100_000, 524_288, 13};
        int off = 0;
        for (int i = 0; off < data.length; i++) {
            int n = Math.min(slices[i % slices.length], data.length - off);
            if (i % 2 == 0) {
                hasher.update(data, off, n);
            } else {
                hasher.update(ByteBuffer.wrap(data, off, n));
            }
            off += n;
        }
        assertEquals("bafybeihrd4zavsbifhxj2lrfgavqop3g2wxp3jx6ppwo4f3tcb3uqhi3ka", hasher.finish().toString());
        assertEquals(FileCids.of(data), Cid.parse("bafybeihrd4zavsbifhxj2lrfgavqop3g2wxp3jx6ppwo4f3tcb3uqhi3ka"));
    }

    @Test
    void fileAndStreamAgree(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("f");
        Files.write(f, SeededBytes.bytes(42, 2 * CHUNK + 5));
        try (InputStream in = Files.newInputStream(f)) {
            assertEquals(FileCids.of(in), FileCids.of(f));
        }
    }

    /**
     * The tree shape at a scale unit tests can afford: 2-byte chunks, 3 links per node, so
     * full and partial nodes at depths 1 to 4 appear. Vectors from
     * {@code ipfs add --only-hash -Q --cid-version=1 --raw-leaves --chunker=size-2 --max-file-links=3}.
     */
    @ParameterizedTest(name = "{0} bytes in 2-byte chunks")
    @CsvSource({
        "3,  bafybeifrdkfawltih7sf6hktdjqlhg536rv4jl6mz2db7pvqlnu7taajm4",
        "5,  bafybeigto2bepr5thsxsxpipgcylwgcizmzqhvlol5whvjzyiiw24bmtce",
        "6,  bafybeicdagokykvd44bphkbpkwmpdbaj7afmbhclcnosrnhe4734w3vflq",
        "7,  bafybeibln5pyigwoh2ljkhb55jhd3dxktzgi4s45bzz4cguqwbauqw3f3y",
        "18, bafybeigm3phrcvdm7scvjf7xdtqv35n4rsoco7mzwnm6t2v4tkkublaooi",
        "19, bafybeic756gyrtakrcjnyjk4fqxa3rq55qub4kmqrjqml2zj65yrqtuupi",
        "41, bafybeihsfzadmvfqpxkkybvnai4xnggslp6wuynaw7g5zs6g44iyvqsali",
        "54, bafybeiag6fd7uikopwldvllhjvnsiqfkpd3uupv76563oc552agnhud4ly",
        "55, bafybeihqseowbhbge4e4ymrtdot5lr7x256eovj7pmgrmnoo7ahcumoafu",
    })
    void smallChunksDeepTrees(int length, String expected) throws IOException {
        try (InputStream in = new SeededBytes(42, length)) {
            assertEquals(expected, FileCids.of(in, new ImportLayout(2, 3)).toString());
        }
    }

    @Test
    void hasherIsSingleUse() {
        FileCidHasher hasher = new FileCidHasher();
        hasher.finish();
        assertThrows(IllegalStateException.class, hasher::finish);
        assertThrows(IllegalStateException.class, () -> hasher.update(new byte[1], 0, 1));
    }

    /**
     * What a writer streams through {@link CidOutputStream}, in writes of any size, has the CID of
     * the whole byte array: sizes on both sides of the chunk boundary and of the first full node
     * (174 chunks), fed in slices that straddle the boundaries.
     */
    @ParameterizedTest(name = "{0} bytes")
    @CsvSource({"0", "1", "262143", "262144", "262145", "524288", "524289", "45613055", "45613056", "45613057"})
    void streamedCidIsTheWholeFileCid(int length) {
        byte[] data = SeededBytes.bytes(42, length);
        CidOutputStream out = new CidOutputStream();
        int[] slices = {65_536, 1, 262_145, 3, 200_000};
        int off = 0;
        for (int i = 0; off < length; i++) {
            int n = Math.min(slices[i % slices.length], length - off);
            if (n == 1) {
                out.write(data[off]);
            } else {
                out.write(data, off, n);
            }
            off += n;
        }
        assertEquals(length, out.size());
        assertEquals(FileCids.of(data), out.cid());
        assertEquals(out.cid(), out.cid(), "cid() may be asked twice");
    }

    @Test
    void streamedCidMatchesKubo() {
        CidOutputStream out = new CidOutputStream();
        out.write(SeededBytes.bytes(42, 47_000_000), 0, 47_000_000);
        assertEquals("bafybeiers7wreiyiovhccuxmigqg6xm3qpkqmglkbjs7ns7oukrxx47ypi", out.cid().toString());
    }

    @Test
    void alongsideWritesTheBytesAndTheirCid() throws IOException {
        byte[] data = SeededBytes.bytes(42, 3_000_000);
        CidOutputStream cid = new CidOutputStream();
        java.io.ByteArrayOutputStream copy = new java.io.ByteArrayOutputStream();
        try (java.io.OutputStream both = cid.alongside(copy)) {
            both.write(data, 0, 100);
            both.write(data[100]);
            both.write(data, 101, data.length - 101);
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(data, copy.toByteArray());
        assertEquals("bafybeihrd4zavsbifhxj2lrfgavqop3g2wxp3jx6ppwo4f3tcb3uqhi3ka", cid.cid().toString());
    }
}
