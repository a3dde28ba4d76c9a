/**
 * The transport layer of the Kubo client: HTTP to the RPC API ({@link dln.ipfs.transport.KuboTransport}),
 * the streaming multipart upload that hashes what it sends ({@link dln.ipfs.transport.MultipartBody}),
 * answer bodies with read-ahead and an idle timeout ({@link dln.ipfs.transport.ResponseStream}),
 * retries of transient failures and the mapping of Kubo's answers to the exceptions of
 * {@link dln.ipfs}.
 *
 * <p>Public only so that {@link dln.ipfs.command} can build on it; other modules use
 * {@link dln.ipfs.KuboClient}.
 */
package dln.ipfs.transport;
