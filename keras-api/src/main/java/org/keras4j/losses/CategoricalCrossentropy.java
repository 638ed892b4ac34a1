package org.keras4j.losses;

import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code -sum(y_true * log(y_pred))} over the last axis, with one-hot labels. Probabilities
 * are renormalised and clipped to [1e-7, 1 - 1e-7] as Keras does; with {@code fromLogits}
 * the predictions go through softmax first. {@code labelSmoothing} mixes the labels with the
 * uniform distribution. Identifier: categorical_crossentropy.
 *
 * <pre>{@code
 * model.compile("adam", new CategoricalCrossentropy(true), "accuracy");   // logits output
 * }</pre>
 */
public final class CategoricalCrossentropy extends Loss {
    private final double labelSmoothing;

    public CategoricalCrossentropy() {
        this(false);
    }

    public CategoricalCrossentropy(boolean fromLogits) {
        this(fromLogits, 0.0);
    }

    public CategoricalCrossentropy(boolean fromLogits, double labelSmoothing) {
        super(fromLogits);
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1], got " + labelSmoothing);
        }
        this.labelSmoothing = labelSmoothing;
    }

    public double labelSmoothing() {
        return labelSmoothing;
    }

    @Override
    public String identifier() {
        return "categorical_crossentropy";
    }

    @Override
    protected Map<String, Object> hyperParameters() {
        return Map.of("label_smoothing", labelSmoothing);
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray labels = yTrue;
        if (labelSmoothing > 0) {
            long k = yTrue.size(1);
            labels = yTrue.mul(1 - labelSmoothing).addi(labelSmoothing / k);
        }
        INDArray probs;
        if (fromLogits()) {
            probs = Transforms.softmax(yPred, true);
        } else {
            probs = yPred.divColumnVector(yPred.sum(true, 1));
        }
        INDArray clipped = Transforms.max(Transforms.min(probs, 1 - EPSILON, true), EPSILON, false);
        return Nd4j.math().neg(labels.mul(Transforms.log(clipped, false)).sum(1));
    }
}
