/**
 * Client of a Kubo (IPFS) node for dln's weight files and validation fragments.
 *
 * <p>{@link dln.ipfs.KuboClient} talks to the node's RPC API over {@code java.net.http}: it
 * adds files as CIDv1 with raw leaves and Kubo's default layout, and verifies every byte it
 * reads against the CID it was asked for. CIDs are computed and parsed by
 * {@link dln.ipfs.cid}. Failures are {@link dln.ipfs.IpfsException}s whose subtypes say
 * whether to retry later ({@link dln.ipfs.IpfsUnavailableException}), fix the request
 * ({@link dln.ipfs.IpfsCommandException}) or discard the data
 * ({@link dln.ipfs.CidMismatchException}).
 *
 * <p>{@link dln.ipfs.KuboClient} is a facade over two layers: {@link dln.ipfs.transport}
 * (HTTP, multipart upload, retries, error mapping) and {@link dln.ipfs.command} (one class per
 * RPC command, content verification). This package holds only the public API.
 */
package dln.ipfs;
