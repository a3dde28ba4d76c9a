/**
 * The Kubo RPC commands dln uses, one class per job, each over a
 * {@link dln.ipfs.transport.KuboTransport}: {@link dln.ipfs.command.AddCommand},
 * {@link dln.ipfs.command.CatCommand}, {@link dln.ipfs.command.FetchCommand},
 * {@link dln.ipfs.command.PinCommand}, {@link dln.ipfs.command.StatCommand} and
 * {@link dln.ipfs.command.NodeInfoCommand}. Content read from the node is verified against its
 * CID here, as it passes.
 *
 * <p>Public only so that {@link dln.ipfs.KuboClient} can compose them; other modules use
 * {@link dln.ipfs.KuboClient}.
 */
package dln.ipfs.command;
