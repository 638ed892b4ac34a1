package org.keras4j.layers.core;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.Shape;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.constraints.Constraint;
import org.keras4j.constraints.Constraints;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.layers.Layer;
import org.keras4j.regularizers.Regularizer;
import org.keras4j.regularizers.Regularizers;
import org.keras4j.utils.Configs;

/**
 * A densely-connected layer: {@code output = activation(input · kernel + bias)}.
 *
 * <p>Arguments and defaults as Keras's: {@code units}; {@code activation} linear;
 * {@code useBias} true; {@code kernelInitializer} glorot_uniform; {@code biasInitializer}
 * zeros; no regularizers. Input: {@code (None, ..., features)}; output: {@code (None, ..., units)}:
 * as in Keras, the kernel applies to the last axis, so on a sequence {@code (None, steps, features)}
 * it is the same Dense at every step.
 *
 * <pre>{@code
 * new Dense(64, "relu").withKernelInitializer("he_normal").withKernelRegularizer(Regularizers.l2(1e-4));
 * }</pre>
 */
public final class Dense extends Layer {
    private final int units;
    private ActivationFunction activation;
    private boolean useBias = true;
    private Initializer kernelInitializer = Initializers.glorotUniform();
    private Initializer biasInitializer = Initializers.zeros();
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;

    /** A linear Dense layer. */
    public Dense(int units) {
        this(units, (String) null);
    }

    /**
     * @throws IllegalArgumentException if {@code units} is not positive or the activation is unknown
     */
    public Dense(int units, String activation) {
        this(units, Activations.get(activation));
    }

    public Dense(int units, ActivationFunction activation) {
        if (units <= 0) {
            throw new IllegalArgumentException("Dense units must be a positive integer, got " + units);
        }
        this.units = units;
        this.activation = activation == null ? Activations.linear() : activation;
    }

    public static Dense fromConfig(Map<String, Object> cfg) {
        Dense d = new Dense(Configs.getInt(cfg, "units", 1),
                Configs.deserialize(cfg.get("activation"), Activations::fromConfig));
        d.useBias = Configs.getBoolean(cfg, "use_bias", true);
        d.kernelInitializer = Configs.deserialize(cfg.get("kernel_initializer"), Initializers::fromConfig);
        d.biasInitializer = Configs.deserialize(cfg.get("bias_initializer"), Initializers::fromConfig);
        d.kernelRegularizer = Configs.deserialize(cfg.get("kernel_regularizer"), Regularizers::fromConfig);
        d.biasRegularizer = Configs.deserialize(cfg.get("bias_regularizer"), Regularizers::fromConfig);
        d.kernelConstraint = Configs.deserialize(cfg.get("kernel_constraint"), Constraints::fromConfig);
        d.biasConstraint = Configs.deserialize(cfg.get("bias_constraint"), Constraints::fromConfig);
        return withSavedName(d, cfg);
    }

    public int units() {
        return units;
    }

    public ActivationFunction activation() {
        return activation;
    }

    public boolean useBias() {
        return useBias;
    }

    public Initializer kernelInitializer() {
        return kernelInitializer;
    }

    public Initializer biasInitializer() {
        return biasInitializer;
    }

    public Regularizer kernelRegularizer() {
        return kernelRegularizer;
    }

    public Regularizer biasRegularizer() {
        return biasRegularizer;
    }

    public Constraint kernelConstraint() {
        return kernelConstraint;
    }

    public Constraint biasConstraint() {
        return biasConstraint;
    }

    /** Projects the kernel after each update, e.g. {@code Constraints.maxNorm(3)}; null for none. */
    public Dense withKernelConstraint(Constraint constraint) {
        this.kernelConstraint = constraint;
        return this;
    }

    /** Projects the bias after each update; null for none. */
    public Dense withBiasConstraint(Constraint constraint) {
        this.biasConstraint = constraint;
        return this;
    }

    @Override
    public Dense withName(String name) {
        super.withName(name);
        return this;
    }

    @Override
    public Dense withInputShape(long... dims) {
        super.withInputShape(dims);
        return this;
    }

    public Dense withUseBias(boolean useBias) {
        this.useBias = useBias;
        return this;
    }

    public Dense withKernelInitializer(String name) {
        return withKernelInitializer(Initializers.get(name));
    }

    public Dense withKernelInitializer(Initializer initializer) {
        this.kernelInitializer = requireNonNull(initializer, "kernelInitializer");
        return this;
    }

    public Dense withBiasInitializer(String name) {
        return withBiasInitializer(Initializers.get(name));
    }

    public Dense withBiasInitializer(Initializer initializer) {
        this.biasInitializer = requireNonNull(initializer, "biasInitializer");
        return this;
    }

    public Dense withKernelRegularizer(Regularizer regularizer) {
        this.kernelRegularizer = regularizer;
        return this;
    }

    public Dense withBiasRegularizer(Regularizer regularizer) {
        this.biasRegularizer = regularizer;
        return this;
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        // Keras applies the kernel to the last axis: [..., f] -> [..., units]
        long[] dims = inputShape.dims();
        dims[dims.length - 1] = units;
        return Shape.of(dims);
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return inputShape.last() * units + (useBias ? units : 0);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("units", units);
        cfg.put("activation", Configs.serialize(activation));
        cfg.put("use_bias", useBias);
        cfg.put("kernel_initializer", Configs.serialize(kernelInitializer));
        cfg.put("bias_initializer", Configs.serialize(biasInitializer));
        cfg.put("kernel_regularizer", Configs.serialize(kernelRegularizer));
        cfg.put("bias_regularizer", Configs.serialize(biasRegularizer));
        cfg.put("kernel_constraint", Configs.serialize(kernelConstraint));
        cfg.put("bias_constraint", Configs.serialize(biasConstraint));
        return cfg;
    }

    private static <T> T requireNonNull(T value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
        return value;
    }
}
