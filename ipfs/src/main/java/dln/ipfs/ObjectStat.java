package dln.ipfs;

import dln.ipfs.cid.Cid;

/**
 * What the node knows of a file ({@code files/stat}).
 *
 * @param cid            the file's CID
 * @param size           the file's length in bytes
 * @param cumulativeSize bytes of all its blocks, encoding overhead included
 * @param blocks         number of direct children of its root block (0 for a single raw block)
 * @param type           UnixFS type as Kubo names it, "file" for weight files
 */
public record ObjectStat(Cid cid, long size, long cumulativeSize, int blocks, String type) {
}
