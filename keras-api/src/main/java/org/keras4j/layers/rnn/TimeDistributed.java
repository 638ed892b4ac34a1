package org.keras4j.layers.rnn;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.keras4j.Shape;
import org.keras4j.engine.LayerWeights;
import org.keras4j.layers.Layer;
import org.keras4j.layers.Layers;
import org.keras4j.utils.Configs;

/**
 * Applies one layer to every time step: input {@code (timesteps, ...)} gives
 * {@code (timesteps, layer's output)}, with {@code output[t] = layer(input[t])} and one set of
 * weights shared by all steps. The weights, their count and their layout are the inner layer's
 * ({@code TimeDistributed(Dense(8))} on {@code (10, 16)} has 136 parameters, a kernel
 * {@code [16, 8]} and a bias). Any layer works: Dense, Conv2D on {@code (timesteps, h, w, c)},
 * Flatten, Dropout, ... As in Keras 3, a mask does not pass a TimeDistributed (it does not
 * support masking): the layers after it see every step.
 *
 * <pre>{@code
 * Sequential frames = new Sequential(new Input(5, 28, 28, 1),
 *         new TimeDistributed(new Conv2D(8, 3)), new TimeDistributed(new Flatten()), new LSTM(16), new Dense(2));
 * }</pre>
 */
public final class TimeDistributed extends Layer {
    private final Layer layer;

    /** @throws IllegalArgumentException if {@code layer} is null */
    public TimeDistributed(Layer layer) {
        if (layer == null) {
            throw new IllegalArgumentException("TimeDistributed needs a layer to apply, got null");
        }
        this.layer = layer;
    }

    public static TimeDistributed fromConfig(Map<String, Object> cfg) {
        Layer inner = Configs.deserialize(Configs.requireMap(cfg, "layer"), Layers::fromConfig);
        return withSavedName(new TimeDistributed(inner), cfg);
    }

    /** The layer applied to each step. */
    public Layer layer() {
        return layer;
    }

    /** The shape the inner layer sees: the input without its time axis. */
    public Shape stepShape(Shape inputShape) {
        if (inputShape.rank() < 2) {
            throw new IllegalArgumentException(describe() + " expects input of rank >= 2 (timesteps, ...), got shape "
                    + inputShape + ": the first axis is the time axis");
        }
        long[] dims = inputShape.dims();
        return Shape.of(Arrays.copyOfRange(dims, 1, dims.length));
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        Shape step;
        try {
            step = layer.computeOutputShape(stepShape(inputShape));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(describe() + " cannot apply its layer to each step of " + inputShape + ": "
                    + e.getMessage(), e);
        }
        long[] out = new long[step.rank() + 1];
        out[0] = inputShape.get(0);
        System.arraycopy(step.dims(), 0, out, 1, step.rank());
        return Shape.of(out);
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return layer.countTrainableParams(stepShape(inputShape));
    }

    @Override
    public long countNonTrainableParams(Shape inputShape) {
        return layer.countNonTrainableParams(stepShape(inputShape));
    }

    /** The weights are the inner layer's: it reads and writes them too. */
    @Override
    public void bindWeights(LayerWeights weights) {
        super.bindWeights(weights);
        layer.bindWeights(weights);
    }

    /** As Keras, the inner layer follows. */
    @Override
    public TimeDistributed setTrainable(boolean trainable) {
        super.setTrainable(trainable);
        layer.setTrainable(trainable);
        return this;
    }

    @Override
    public TimeDistributed withName(String name) {
        super.withName(name);
        return this;
    }

    @Override
    public TimeDistributed withInputShape(long... dims) {
        super.withInputShape(dims);
        return this;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("layer", Configs.serialize(Objects.requireNonNull(layer)));
        return cfg;
    }
}
