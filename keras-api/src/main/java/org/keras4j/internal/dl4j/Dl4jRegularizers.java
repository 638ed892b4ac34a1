package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.keras4j.regularizers.Regularizer;
import org.nd4j.linalg.learning.regularization.L1Regularization;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Maps Keras's weight penalties to DL4J regularization: DL4J's L1 penalty is
 * {@code l1 * sum|w|} (gradient {@code l1 * sign(w)}), its L2 penalty {@code coeff / 2 * sum(w^2)}
 * (gradient {@code coeff * w}), both added to the mini-batch mean gradient before the updater,
 * as Keras adds the penalty to the mean loss.
 *
 * <pre>{@code
 * layerBuilder.regularization(Dl4jRegularizers.toDl4j(dense.kernelRegularizer()));
 * }</pre>
 */
public final class Dl4jRegularizers {
    private Dl4jRegularizers() {
    }

    /**
     * DL4J regularization adding {@code l1 * sum|w| + l2 * sum(w^2)} to the loss. DL4J's L2
     * penalty is {@code coeff / 2 * sum(w^2)}, so its coefficient is twice Keras's factor.
     */
    public static List<Regularization> toDl4j(Regularizer regularizer) {
        List<Regularization> out = new ArrayList<>();
        if (regularizer == null) {
            return out;
        }
        if (regularizer.l1() > 0) {
            out.add(new L1Regularization(regularizer.l1()));
        }
        if (regularizer.l2() > 0) {
            out.add(new L2Regularization(2 * regularizer.l2()));
        }
        return out;
    }
}
