package dln.core.crypto;

import java.security.Provider;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/** One Bouncy Castle provider instance, passed explicitly rather than installed JVM-wide. */
final class Providers {
    static final Provider BC = new BouncyCastleProvider();

    private Providers() {
    }
}
