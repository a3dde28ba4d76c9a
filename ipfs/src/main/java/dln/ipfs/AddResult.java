package dln.ipfs;

import dln.ipfs.cid.Cid;

/**
 * A file stored on the node.
 *
 * @param cid    its CID, checked against the one computed locally while uploading
 * @param size   its length in bytes
 * @param pinned whether the node pinned it
 */
public record AddResult(Cid cid, long size, boolean pinned) {
}
