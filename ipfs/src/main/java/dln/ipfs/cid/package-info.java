/**
 * Content identifiers for files stored on IPFS, computed exactly as Kubo computes them.
 *
 * <p>No Java CID, multihash or multibase library is published on Maven Central (the usual
 * ones live on JitPack, which this build cannot reach), so the encodings in this package are
 * written by hand: unsigned varints, base32 and base58btc multibase, the dag-pb protobuf and
 * the UnixFS {@code Data} message. Each is small and pinned by test vectors taken from the
 * real {@code ipfs} binary.
 *
 * <p>Entry points: {@link dln.ipfs.cid.Cid} (parse, print, compare) and
 * {@link dln.ipfs.cid.FileCids} / {@link dln.ipfs.cid.FileCidHasher} (compute the CID of a
 * file's bytes without holding them in memory).
 */
package dln.ipfs.cid;
