package org.keras4j.losses;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Hinge loss {@code mean(max(1 - y_true * y_pred, 0))} over the last axis. Labels are -1 or 1;
 * as in Keras, a batch whose labels are all 0 or 1 is converted to -1 / 1 first. Identifier:
 * hinge.
 *
 * <pre>{@code
 * model.compile("sgd", new Hinge());   // e.g. a tanh or linear output
 * }</pre>
 */
public final class Hinge extends Loss {
    public Hinge() {
        super(false);
    }

    @Override
    public String identifier() {
        return "hinge";
    }

    /**
     * Keras's {@code convert_binary_labels_to_hinge}: {@code 2y - 1} when every label of the batch
     * is 0 or 1, the labels unchanged otherwise.
     */
    public static INDArray signedLabels(INDArray labels) {
        boolean binary = labels.eq(0.0).castTo(labels.dataType()).addi(labels.eq(1.0).castTo(labels.dataType()))
                .minNumber().doubleValue() > 0;
        return binary ? labels.mul(2.0).subi(1.0) : labels;
    }

    /** {@code max(1 - y * y_pred, 0)} per element, with converted labels. */
    static INDArray margins(INDArray yTrue, INDArray yPred) {
        INDArray pred = predictions(yPred);
        INDArray labels = signedLabels(labelsLike(yTrue, pred));
        return Transforms.max(labels.mul(pred).rsubi(1.0), 0.0, false);
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        return margins(yTrue, yPred).mean(1);
    }
}
