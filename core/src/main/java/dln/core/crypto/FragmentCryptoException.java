package dln.core.crypto;

/** A fragment could not be encrypted or decrypted: wrong key, tampering, bad format or bad key material. */
public class FragmentCryptoException extends RuntimeException {
    public FragmentCryptoException(String message) {
        super(message);
    }

    public FragmentCryptoException(String message, Throwable cause) {
        super(message, cause);
    }
}
