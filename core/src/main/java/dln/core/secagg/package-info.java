/**
 * Secure aggregation of a federated round (Bonawitz et al. 2017, "Practical Secure Aggregation
 * for Privacy-Preserving Machine Learning", the double-masking protocol with dropout recovery):
 * fixed-point quantisation into the ring of 64-bit integers, per-round mask keys derived from a
 * provider's Fabric enrolment key, pairwise masks from ECDH P-256 expanded by AES-CTR, Shamir
 * shares of each provider's mask key and self-mask seed (Bouncy Castle's splitter), and the
 * unmasking that recovers exactly the sum of the survivors' quantised updates. docs/privacy.md
 * says what it protects and what it costs the committee.
 */
package dln.core.secagg;
