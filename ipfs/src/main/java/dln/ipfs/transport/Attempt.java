package dln.ipfs.transport;

import java.io.IOException;

/**
 * One try of an operation that the transport may repeat: it must start from scratch each time
 * (a fresh request body, a fresh temporary file).
 *
 * @param <T> what the operation yields
 */
@FunctionalInterface
public interface Attempt<T> {
    /**
     * @return the result
     * @throws IOException the failure, which the transport classifies as transient or final
     */
    T run() throws IOException;
}
