package dln.ipfs.command;

import dln.ipfs.cid.Cid;
import dln.ipfs.cid.FileCidHasher;
import dln.ipfs.cid.ImportLayout;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** Recomputes the CID of bytes as they pass, for comparison with the CID they were asked by. */
interface ContentVerifier {
    void update(byte[] bytes, int offset, int length);

    /** Consumes the buffer's remaining bytes. */
    void update(ByteBuffer bytes);

    /** @return the CID of everything passed to {@link #update} */
    Cid finish();

    /**
     * A raw CID names one block whatever its size, so plain sha2-256 of the whole content is
     * exact and independent of the chunker; a dag-pb CID is recomputed with the import layout.
     */
    static ContentVerifier forCid(Cid expected, ImportLayout layout) {
        if (expected.version() == 0) {
            throw new IllegalArgumentException("cannot verify CIDv0 " + expected
                    + ": its leaves are not raw; dln stores files as CIDv1 with raw leaves (KuboClient.add), "
                    + "re-add the file to get a verifiable CID");
        }
        if (expected.isRaw()) {
            MessageDigest sha256;
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java runtime provides SHA-256", e);
            }
            return new ContentVerifier() {
                @Override
                public void update(byte[] bytes, int offset, int length) {
                    sha256.update(bytes, offset, length);
                }

                @Override
                public void update(ByteBuffer bytes) {
                    sha256.update(bytes);
                }

                @Override
                public Cid finish() {
                    return Cid.rawSha256(sha256.digest());
                }
            };
        }
        FileCidHasher hasher = new FileCidHasher(layout);
        return new ContentVerifier() {
            @Override
            public void update(byte[] bytes, int offset, int length) {
                hasher.update(bytes, offset, length);
            }

            @Override
            public void update(ByteBuffer bytes) {
                hasher.update(bytes);
            }

            @Override
            public Cid finish() {
                return hasher.finish();
            }
        };
    }
}
