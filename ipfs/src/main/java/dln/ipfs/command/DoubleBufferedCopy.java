package dln.ipfs.command;

import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.transport.ResponseStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Copies an answer into a file through two native buffers so that writing one overlaps
 * receiving and hashing the other (done in turn, the disk writes alone cost about a fifth of
 * the transfer time), and so that neither the hash nor the write needs a further copy. The
 * target is only a temporary file: the caller verifies once the end is reached, before using it.
 */
final class DoubleBufferedCopy {
    static final int BUFFER = 1 << 20;

    private DoubleBufferedCopy() {
    }

    /**
     * @param source what is being fetched, for messages
     * @return bytes copied
     * @throws IpfsUnavailableException if the connection fails mid-answer (so the fetch may start over)
     */
    static long copy(ResponseStream in, ContentVerifier verifier, AsynchronousFileChannel out, String source)
            throws IOException {
        ByteBuffer[] buffers = {ByteBuffer.allocateDirect(BUFFER), ByteBuffer.allocateDirect(BUFFER)};
        Future<Integer> pending = null;
        ByteBuffer pendingBuffer = null;
        long pendingPosition = 0;
        long position = 0;
        for (int turn = 0; ; turn ^= 1) {
            ByteBuffer buffer = buffers[turn];
            buffer.clear();
            boolean end = false;
            try {
                while (buffer.hasRemaining()) {
                    if (in.read(buffer) < 0) {
                        end = true;
                        break;
                    }
                }
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new IpfsUnavailableException(source + ": connection to the node lost after "
                        + (position + buffer.position()) + " bytes (" + e + "); fetch it again", e);
            }
            buffer.flip();
            verifier.update(buffer.duplicate());
            if (pending != null) {
                finishWrite(out, pending, pendingBuffer, pendingPosition);
                pending = null;
            }
            if (buffer.hasRemaining()) {
                pendingBuffer = buffer;
                pendingPosition = position;
                position += buffer.remaining();
                pending = out.write(buffer, pendingPosition);
            }
            if (end) {
                if (pending != null) {
                    finishWrite(out, pending, pendingBuffer, pendingPosition);
                }
                return position;
            }
        }
    }

    private static void finishWrite(AsynchronousFileChannel out, Future<Integer> pending, ByteBuffer buffer, long position)
            throws IOException {
        try {
            pending.get();
            // A short write leaves bytes behind: finish them synchronously.
            while (buffer.hasRemaining()) {
                out.write(buffer, position + buffer.position()).get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while writing");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
    }
}
