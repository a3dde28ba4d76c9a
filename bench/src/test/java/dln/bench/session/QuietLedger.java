package dln.bench.session;

import dln.api.LedgerEvents;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.api.view.LedgerIdentity;

/** Answers every call with nothing: for tests of what wraps a participant's transport. */
class QuietLedger implements LedgerTransport {
    @Override
    public byte[] submit(final Tx tx, final String... args) {
        return new byte[0];
    }

    @Override
    public byte[] evaluate(final Tx tx, final String... args) {
        return new byte[0];
    }

    @Override
    public LedgerIdentity identity() {
        return new LedgerIdentity("Org1MSP", "x");
    }

    @Override
    public LedgerEvents events() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
