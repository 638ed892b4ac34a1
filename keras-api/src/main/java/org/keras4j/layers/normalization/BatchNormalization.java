package org.keras4j.layers.normalization;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.layers.Layer;
import org.keras4j.utils.Configs;

/**
 * Normalizes each feature (the last axis) with the batch statistics during training and with
 * moving averages at inference: {@code gamma * (x - mean) / sqrt(var + epsilon) + beta}.
 *
 * <p>Keras's defaults: {@code momentum} 0.99, {@code epsilon} 1e-3, {@code center} and
 * {@code scale} true. Parameters: gamma and beta (trainable), moving mean and variance
 * (non-trainable), {@code 4 * features} in all, as Keras counts them.
 *
 * <pre>{@code
 * new Sequential(new Input(20), new Dense(64), new BatchNormalization(), new Activation("relu"));
 * }</pre>
 */
public final class BatchNormalization extends Layer {
    private double momentum = 0.99;
    private double epsilon = 1e-3;
    private boolean center = true;
    private boolean scale = true;

    public BatchNormalization() {
    }

    public static BatchNormalization fromConfig(Map<String, Object> cfg) {
        BatchNormalization bn = new BatchNormalization()
                .withMomentum(Configs.getDouble(cfg, "momentum", 0.99))
                .withEpsilon(Configs.getDouble(cfg, "epsilon", 1e-3));
        bn.center = Configs.getBoolean(cfg, "center", true);
        bn.scale = Configs.getBoolean(cfg, "scale", true);
        return withSavedName(bn, cfg);
    }

    public double momentum() {
        return momentum;
    }

    public double epsilon() {
        return epsilon;
    }

    public boolean center() {
        return center;
    }

    public boolean scale() {
        return scale;
    }

    /** Moving-average momentum; Keras's default 0.99. */
    public BatchNormalization withMomentum(double momentum) {
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("BatchNormalization momentum must be in [0, 1), got " + momentum);
        }
        this.momentum = momentum;
        return this;
    }

    /** Variance epsilon; Keras's default 1e-3. */
    public BatchNormalization withEpsilon(double epsilon) {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("BatchNormalization epsilon must be > 0, got " + epsilon);
        }
        this.epsilon = epsilon;
        return this;
    }

    /** Whether beta is learned; if false it stays 0. */
    public BatchNormalization withCenter(boolean center) {
        this.center = center;
        return this;
    }

    /** Whether gamma is learned; if false it stays 1. */
    public BatchNormalization withScale(boolean scale) {
        this.scale = scale;
        return this;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        return inputShape;
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return ((center ? 1 : 0) + (scale ? 1 : 0)) * inputShape.last();
    }

    @Override
    public long countNonTrainableParams(Shape inputShape) {
        return 2 * inputShape.last();
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("momentum", momentum);
        cfg.put("epsilon", epsilon);
        cfg.put("center", center);
        cfg.put("scale", scale);
        return cfg;
    }
}
