package org.keras4j.layers.core;

import java.util.Arrays;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.layers.MaskSource;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Masks the time steps whose features all equal {@code maskValue} (default 0): layers after it
 * that support masking skip them (recurrent layers), and a sequence output's loss ignores them.
 * As Keras's, the layer also zeroes the masked steps: {@code output = input * mask}, with
 * {@code mask[b, t] = any(input[b, t, :] != maskValue)}. It must read a model input of shape
 * {@code (timesteps, features)}.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(10, 3), new Masking(0.0), new SimpleRNN(8), new Dense(1));
 * }</pre>
 */
public final class Masking extends Layer implements MaskSource {
    private final double maskValue;

    /** Keras's default: steps of all zeros are masked. */
    public Masking() {
        this(0.0);
    }

    /** @throws IllegalArgumentException if {@code maskValue} is NaN (no value equals NaN, so nothing would be masked) */
    public Masking(double maskValue) {
        if (Double.isNaN(maskValue)) {
            throw new IllegalArgumentException("Masking maskValue must be a number, got NaN");
        }
        this.maskValue = maskValue;
    }

    public static Masking fromConfig(Map<String, Object> cfg) {
        return withSavedName(new Masking(Configs.getDouble(cfg, "mask_value", 0.0)), cfg);
    }

    public double maskValue() {
        return maskValue;
    }

    @Override
    public boolean producesMask() {
        return true;
    }

    /**
     * 1 where some feature of the step differs from {@code maskValue}, for input
     * {@code [batch, timesteps, features]}.
     *
     * @throws IllegalArgumentException unless the input has rank 3
     */
    @Override
    public INDArray computeMask(INDArray input) {
        if (input.rank() != 3) {
            throw new IllegalArgumentException(describe() + " computes a mask from input of shape [batch, timesteps, features],"
                    + " got " + Arrays.toString(input.shape()));
        }
        return input.neq(maskValue).castTo(DataType.FLOAT).max(2);
    }

    /** @throws IllegalArgumentException unless the input is {@code (timesteps, features)} */
    @Override
    public Shape computeOutputShape(Shape inputShape) {
        requireRank(inputShape, 2, "Masking reads sequences (timesteps, features)");
        return inputShape;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("mask_value", maskValue);
    }
}
