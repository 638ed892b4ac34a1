package org.keras4j.engine;

import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Per-sample loss weights from Keras's {@code sample_weight} and {@code class_weight}: a
 * sample's weight is its sample weight times the weight of its class (classes read from
 * one-hot labels by arg-max, from class-index or binary labels by value).
 *
 * <pre>{@code
 * INDArray w = SampleWeights.combine(null, Map.of(0, 1.0, 1, 5.0), labels, n);
 * }</pre>
 */
public final class SampleWeights {
    private SampleWeights() {
    }

    /** The combined weights {@code [n]}, or null when neither is given. */
    public static INDArray combine(INDArray sampleWeight, Map<Integer, Double> classWeight, INDArray labels, long n) {
        INDArray weights = null;
        if (sampleWeight != null) {
            if (sampleWeight.length() != n) {
                throw new IllegalArgumentException("sampleWeight must have one weight per sample: expected shape [" + n
                        + "], got " + Arrays.toString(sampleWeight.shape()));
            }
            DataChecks.finite("sampleWeight", sampleWeight);
            weights = sampleWeight.reshape(n).castTo(DataType.FLOAT);
        }
        if (classWeight != null && !classWeight.isEmpty()) {
            INDArray classes = labels.size(1) == 1 ? labels.reshape(n) : labels.argMax(1).reshape(n);
            float[] w = new float[(int) n];
            for (int i = 0; i < n; i++) {
                int cls = (int) Math.round(classes.getDouble(i));
                Double cw = classWeight.get(cls);
                if (cw == null) {
                    throw new IllegalArgumentException("classWeight has no weight for class " + cls + "; it has classes "
                            + classWeight.keySet());
                }
                w[i] = cw.floatValue();
            }
            INDArray cwArr = Nd4j.createFromArray(w);
            weights = weights == null ? cwArr : weights.mul(cwArr);
        }
        return weights;
    }
}
