package dln.core.role;

import dln.api.LedgerEvents;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.core.secagg.SecureProvider;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A provider's whole behaviour on a securely aggregated model: its part of each round as the
 * round opens, one round after another. The round's state lives on the ledger, so a provider
 * restarted mid-round carries on where the ledger says it was.
 */
public final class SecureProviderService {

    /** What one round came to for this provider. */
    public record RoundDone(int round, SecureProvider.Progress progress) {}

    private final SecureProvider provider;
    private final LedgerEvents events;
    private final Duration recheck;
    private final Duration patience;
    private final Consumer<String> waiting;

    /**
     * @param recheck  the longest wait between looks for the model's next round; an event wakes the provider sooner
     * @param patience how long a round may stand still before the provider gives it up as stalled
     * @param waiting  told when the ledger does not answer between rounds
     */
    public SecureProviderService(final SecureProvider provider, final LedgerEvents events, final Duration recheck, final Duration patience,
                                 final Consumer<String> waiting) {
        this.provider = provider;
        this.events = events;
        this.recheck = recheck;
        this.patience = patience;
        this.waiting = waiting;
    }

    /**
     * Takes part in {@code rounds} rounds of {@code modelId}, each reported to {@code done}: waits
     * for the model to be approved, then does its part of the current round, then of each next
     * one. Between rounds it only reads, so a ledger outage that outlasted the transport's
     * retries is waited out here, as {@link ProviderService#contribute} does, not a reason to exit
     * and leave the next round's key set short of this provider.
     *
     * @return MODEL_FINAL when the model was closed or declined first
     * @throws dln.core.protocol.ProtocolException SECURE_ROUND_STALLED when a round did not move within the patience
     */
    public ProviderService.Stop contribute(final String modelId, final int rounds, final Consumer<RoundDone> done) throws InterruptedException {
        int last = 0;
        for (int made = 0; made < rounds; ) {
            final long seen = events.generation();
            final Optional<ModelView> read = OutageWait.read(() -> provider.participant().ledger().getModel(modelId), events, seen, recheck, waiting);
            if (read.isEmpty()) {
                continue;
            }
            final ModelView m = read.get();
            if (m.is(ModelStatus.CLOSED) || m.is(ModelStatus.DECLINED)) {
                return ProviderService.Stop.MODEL_FINAL;
            }
            if (!m.is(ModelStatus.OPEN)) {
                events.awaitAfter(seen, recheck);
                continue;
            }
            // A round this provider already took part in has ended for it: ask for the next one,
            // which the provider's peer may not show yet.
            final int round = Math.max(m.currentRound(), last + 1);
            done.accept(new RoundDone(round, provider.contributeOnce(modelId, round, events, patience)));
            last = round;
            made++;
        }
        return ProviderService.Stop.DONE;
    }
}
