package dln.ipfs;

/**
 * The node's software ({@code version}).
 *
 * @param version Kubo version, e.g. "0.42.0"
 * @param commit  source commit, may be empty
 * @param repo    repository format version
 * @param system  OS and architecture
 * @param golang  Go version it was built with
 */
public record NodeVersion(String version, String commit, String repo, String system, String golang) {
}
