/**
 * Encryption of validation fragments to a committee member's Fabric certificate key
 * (ECDH P-256, HKDF-SHA256, AES-256-GCM; docs/formats.md section 4), PEM parsing and SHA-256.
 */
package dln.core.crypto;
