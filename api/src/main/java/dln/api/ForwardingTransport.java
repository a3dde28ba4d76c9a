package dln.api;

import dln.api.view.LedgerIdentity;

/**
 * A transport that hands every call to another: the base of decorators (counting calls,
 * failing one in a test) that change one thing and forward the rest. Closing it closes the inner
 * transport.
 */
public abstract class ForwardingTransport implements LedgerTransport {

    private final LedgerTransport inner;

    protected ForwardingTransport(final LedgerTransport inner) {
        this.inner = inner;
    }

    /** The transport calls are forwarded to. */
    protected final LedgerTransport inner() {
        return inner;
    }

    @Override
    public byte[] submit(final Tx tx, final String... args) {
        return inner.submit(tx, args);
    }

    @Override
    public byte[] evaluate(final Tx tx, final String... args) {
        return inner.evaluate(tx, args);
    }

    @Override
    public LedgerIdentity identity() {
        return inner.identity();
    }

    @Override
    public LedgerEvents events() {
        return inner.events();
    }

    @Override
    public void close() {
        inner.close();
    }
}
