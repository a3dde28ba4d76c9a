package dln.core.model;

import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A custom op bound once to fixed arrays and arguments in an ND4J op context, then run as often
 * as needed. Why: {@code Nd4j.exec(op)} on a fresh op computes the output shape and builds a
 * native context on every call, ~35 us of set-up per call on this machine kind (a third of a
 * small product), paid for every layer of every evaluation batch. The arrays must stay the same
 * buffers (those of {@link DirectNetwork}'s batch buffers and parameters do).
 */
final class PreparedOp {
    private final DynamicCustomOp op;
    private final OpContext context;

    PreparedOp(DynamicCustomOp op) {
        this.op = op;
        this.context = Nd4j.getExecutioner().buildContext();
        context.setInputArrays(op.inputArguments());
        context.setOutputArrays(op.outputArguments());
        context.setIArguments(op.iArgs());
        context.setTArguments(op.tArgs());
        context.setBArguments(op.bArgs());
    }

    /** Runs the op on its arrays. */
    void run() {
        Nd4j.exec(op, context);
    }
}
