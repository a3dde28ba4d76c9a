package dln.session.demo;

import dln.api.DlnLedger;
import dln.api.LedgerEvents;
import dln.api.LedgerException;
import dln.api.Rule;
import dln.api.SecurePhase;
import dln.api.view.LedgerIdentity;
import dln.api.view.SecureRoundView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * The publisher's side of a securely aggregated round in a session: it follows the providers'
 * parts, and when one fails (its process or host would be gone) it ends the round's current step
 * without it once everyone else of the step acted (secagg:AdvanceSecureRound), so the survivors
 * finish the round and a provider that dropped after sharing is recovered through their shares
 * (docs/privacy.md, Dropouts). Without it one failed provider held the others until their patience
 * ran out. A round that keeps fewer than the model's threshold cannot finish: that is an error.
 */
final class SecureRoundWatch {
    private static final Duration RECHECK = Duration.ofSeconds(1);

    private final DlnLedger publisher;
    private final LedgerEvents events;
    private final String modelId;
    private final int round;
    private final Consumer<String> out;

    SecureRoundWatch(final DlnLedger publisher, final LedgerEvents events, final String modelId, final int round, final Consumer<String> out) {
        this.publisher = publisher;
        this.events = events;
        this.modelId = modelId;
        this.round = round;
        this.out = out;
    }

    /**
     * Waits for every part in {@code parts} (provider {@code i} is {@code who.get(i)}); a part that
     * fails drops its provider out of the round. Rethrows when every part failed.
     */
    void follow(final List<? extends Future<?>> parts, final List<LedgerIdentity> who) throws InterruptedException {
        final Map<LedgerIdentity, RuntimeException> dropped = new LinkedHashMap<>();
        while (true) {
            final long seen = events.generation();
            boolean running = false;
            for (int i = 0; i < parts.size(); i++) {
                if (!parts.get(i).isDone()) {
                    running = true;
                } else if (!dropped.containsKey(who.get(i))) {
                    final RuntimeException e = failure(parts.get(i));
                    if (e != null) {
                        dropped.put(who.get(i), e);
                        out.accept(String.format("round %d  %s dropped out: %s", round, who.get(i).shortName(), e.getMessage()));
                    }
                }
            }
            if (!running) {
                break;
            }
            if (!dropped.isEmpty()) {
                advanceWithout(dropped.keySet(), who);
            }
            events.awaitAfter(seen, RECHECK);
        }
        if (dropped.size() == parts.size() && !dropped.isEmpty()) {
            throw dropped.values().iterator().next();
        }
    }

    /** The failure of a finished part, or null when it succeeded. */
    private static RuntimeException failure(final Future<?> part) throws InterruptedException {
        try {
            part.get();
            return null;
        } catch (ExecutionException e) {
            return ProviderPool.cause(e);
        }
    }

    /** Ends the current step when the only providers it still waits for are {@code dropped}. */
    private void advanceWithout(final java.util.Set<LedgerIdentity> dropped, final List<LedgerIdentity> who) {
        final SecureRoundView.Round r = publisher.getSecureRound(modelId, round).round();
        if (r.phase() == SecurePhase.UNMASKING || r.phase() == SecurePhase.AGGREGATED) {
            return; // the threshold's reveals are enough: nobody is waited for
        }
        // At keys the set is the session's providers (the ledger's key set fills to the model's minimum).
        final List<LedgerIdentity> may = r.phase() == SecurePhase.KEYS ? who : r.mayAct();
        final List<LedgerIdentity> did = r.acted();
        final List<LedgerIdentity> waiting = new ArrayList<>(may);
        waiting.removeAll(did);
        if (waiting.isEmpty() || !dropped.containsAll(waiting)) {
            return;
        }
        if (did.size() < r.threshold()) {
            throw new IllegalStateException("round " + round + " of " + modelId + " cannot finish: " + did.size() + " providers are left at step "
                    + r.phase().wire() + " and the threshold is " + r.threshold());
        }
        try {
            final SecureRoundView.Round after = publisher.advanceSecureRound(modelId, round);
            out.accept(String.format("round %d  the publisher ended step %s without %s: %s", round, r.phase().wire(),
                    String.join(", ", waiting.stream().map(LedgerIdentity::shortName).toList()), after.standing()));
        } catch (LedgerException e) {
            // The step ended by itself between the read and the call (the last of the others acted).
            if (!e.is(Rule.SECAGG_WRONG_PHASE)) {
                throw e;
            }
        }
    }
}
