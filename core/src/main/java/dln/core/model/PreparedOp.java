package dln.core.model;

import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A custom op bound once to fixed arrays and arguments in an ND4J op context, then run as often
 * as needed. Why: {@code Nd4j.exec(op)} on a fresh op computes the output shape and builds a
 * native context on every call: a tiny product cost 63 us of CPU that way and 27 us through a
 * context made once (docs/performance.md, "Fourth round"), paid for every layer of every batch.
 * The arrays must stay the same buffers, as {@link DirectNetwork}'s batch buffers and parameter
 * views do.
 */
final class PreparedOp {
    private final DynamicCustomOp op;
    private final OpContext context;

    PreparedOp(DynamicCustomOp op) {
        this(op, true);
    }

    /**
     * @param platformHelpers false to run libnd4j's own kernel instead of its platform helper
     *                        (oneDNN in the onednn build), where the helper is the slower one
     */
    PreparedOp(DynamicCustomOp op, boolean platformHelpers) {
        this.op = op;
        this.context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(op.inputArguments());
        context.setOutputArrays(op.outputArguments());
        context.setIArguments(op.iArgs());
        context.setTArguments(op.tArgs());
        context.setBArguments(op.bArgs());
        context.allowHelpers(platformHelpers);
    }

    /** Runs the op on its arrays. */
    void run() {
        Nd4j.exec(op, context);
    }
}
