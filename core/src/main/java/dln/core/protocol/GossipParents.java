package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.crypto.Digests;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Where a gossip step starts: its parents, drawn among the model's most recently accepted
 * updates, and its seed. Both come from one page of the ledger each (the recent window, the
 * provider's newest update), so a step reads as much with 5,000 accepted updates as with 100.
 */
public final class GossipParents {

    /**
     * @param parents the chosen parents, sorted by id (["initial"] when nothing is accepted yet)
     * @param seed the step's seed: the draw's, and the training's
     */
    public record Choice(List<String> parents, long seed) {
        public Choice {
            parents = List.copyOf(parents);
        }
    }

    private GossipParents() {
    }

    /** The parents and seed of {@code ledger}'s identity's next step on the open gossip {@code model}. */
    public static Choice choose(final DlnLedger ledger, final ModelView model, final ParentSelector selector, final long providerSeed) {
        final List<UpdateView> window = ledger.listRecentAccepted(model.id(), selector.recent());
        final long seed = stepSeed(providerSeed, ledger.listSubmittedBy(model.id(), ledger.identity(), 1));
        return new Choice(selector.choose(window, model.gossip().maxParents(), seed), seed);
    }

    /**
     * The parents whose merge is the gossip {@code model}'s current state ({@link ParentSelector#current}):
     * what its next step would start from, read from the recent window alone, so exporting or
     * showing the model reads as much with 5,000 accepted updates as with 100. Empty when nothing
     * is accepted yet.
     */
    public static List<String> current(final DlnLedger ledger, final ModelView model) {
        return current(window(ledger, model), model);
    }

    /** The recent window every provider of {@code model} chooses from: one page of the ledger, newest first. */
    public static List<UpdateView> window(final DlnLedger ledger, final ModelView model) {
        return ledger.listRecentAccepted(model.id(), ParentSelector.RECENT_WINDOW);
    }

    /** As {@link #current(DlnLedger, ModelView)} from a window already read ({@link #window}). */
    public static List<String> current(final List<UpdateView> window, final ModelView model) {
        return ParentSelector.recent(model.higherIsBetter()).current(window, model.gossip().maxParents());
    }

    /**
     * The provider's own seed for its first step, then that seed mixed with the weights of its
     * newest update. Both are on the ledger, so a restarted provider or a replay draws the same
     * parents and trains with the same seed; unlike a count of one's updates it is one key away,
     * and unlike an update id the weights' CID does not depend on the network's transaction ids.
     */
    static long stepSeed(final long providerSeed, final List<UpdateView> newestOwn) {
        final long base = providerSeed * 1_000_003L;
        if (newestOwn.isEmpty()) {
            return base;
        }
        return base + ByteBuffer.wrap(Digests.sha256(newestOwn.get(0).weightsCid().getBytes(StandardCharsets.UTF_8))).getLong();
    }
}
