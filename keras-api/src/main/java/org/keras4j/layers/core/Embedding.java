package org.keras4j.layers.core;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.keras4j.Shape;
import org.keras4j.constraints.Constraint;
import org.keras4j.constraints.Constraints;
import org.keras4j.initializers.Initializer;
import org.keras4j.initializers.Initializers;
import org.keras4j.layers.Layer;
import org.keras4j.layers.MaskSource;
import org.keras4j.regularizers.Regularizer;
import org.keras4j.regularizers.Regularizers;
import org.keras4j.utils.Configs;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Turns integer indices into dense vectors: {@code output[..., :] = embeddings[index, :]}, with one
 * trainable matrix {@code embeddings [inputDim, outputDim]} (Keras's weight layout). Indices come as
 * numbers (the float arrays keras4j takes), of any shape: input {@code (d1, ..., dk)} gives output
 * {@code (d1, ..., dk, outputDim)}; a sequence {@code (timesteps)} gives {@code (timesteps, outputDim)}.
 * Each index must be in {@code [0, inputDim)}.
 *
 * <p>Arguments and Keras defaults: {@code embeddingsInitializer} "uniform" (RandomUniform(-0.05,
 * 0.05)), {@code embeddingsRegularizer} none, {@code embeddingsConstraint} none, {@code maskZero}
 * false. With {@code maskZero}, index 0 is padding: the layer produces a mask (0 where the index is
 * 0) that recurrent layers and the loss respect, so index 0 cannot be a word and {@code inputDim}
 * should be the vocabulary size + 1. A masking Embedding must read a model input of shape
 * {@code (timesteps)}. {@code input_length} is gone, as in Keras 3.
 *
 * <pre>{@code
 * Sequential model = new Sequential(new Input(20), new Embedding(1000, 64).withMaskZero(true),
 *         new LSTM(32), new Dense(1, "sigmoid"));    // embedding: 64,000 parameters
 * }</pre>
 */
public final class Embedding extends Layer implements MaskSource {
    private final int inputDim;
    private final int outputDim;
    private final Initializer embeddingsInitializer;
    private final Regularizer embeddingsRegularizer;
    private final Constraint embeddingsConstraint;
    private final boolean maskZero;

    /**
     * @param inputDim the vocabulary size: indices are in {@code [0, inputDim)}
     * @param outputDim the size of each embedding vector
     * @throws IllegalArgumentException unless both are positive
     */
    public Embedding(int inputDim, int outputDim) {
        this(inputDim, outputDim, Initializers.randomUniform(-0.05, 0.05), null, null, false);
    }

    private Embedding(int inputDim, int outputDim, Initializer embeddingsInitializer, Regularizer embeddingsRegularizer,
                      Constraint embeddingsConstraint, boolean maskZero) {
        if (inputDim <= 0 || outputDim <= 0) {
            throw new IllegalArgumentException("Embedding inputDim and outputDim must be positive, got inputDim=" + inputDim
                    + ", outputDim=" + outputDim);
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
        this.embeddingsInitializer = Objects.requireNonNull(embeddingsInitializer, "embeddingsInitializer");
        this.embeddingsRegularizer = embeddingsRegularizer;
        this.embeddingsConstraint = embeddingsConstraint;
        this.maskZero = maskZero;
    }

    public static Embedding fromConfig(Map<String, Object> cfg) {
        Initializer init = Configs.deserialize(cfg.get("embeddings_initializer"), Initializers::fromConfig);
        Embedding e = new Embedding(Configs.getInt(cfg, "input_dim", 0), Configs.getInt(cfg, "output_dim", 0),
                init == null ? Initializers.randomUniform(-0.05, 0.05) : init,
                Configs.deserialize(cfg.get("embeddings_regularizer"), Regularizers::fromConfig),
                Configs.deserialize(cfg.get("embeddings_constraint"), Constraints::fromConfig),
                Configs.getBoolean(cfg, "mask_zero", false));
        return withSavedName(e, cfg);
    }

    /** A copy with another initializer of the embeddings, e.g. "glorot_uniform". */
    public Embedding withEmbeddingsInitializer(String name) {
        return withEmbeddingsInitializer(Initializers.get(name));
    }

    /** A copy with another initializer of the embeddings. */
    public Embedding withEmbeddingsInitializer(Initializer initializer) {
        return copy(new Embedding(inputDim, outputDim, Objects.requireNonNull(initializer, "embeddingsInitializer"),
                embeddingsRegularizer, embeddingsConstraint, maskZero));
    }

    /** A copy whose embeddings are penalized by {@code regularizer} (null for none). */
    public Embedding withEmbeddingsRegularizer(Regularizer regularizer) {
        return copy(new Embedding(inputDim, outputDim, embeddingsInitializer, regularizer, embeddingsConstraint, maskZero));
    }

    /** A copy whose embeddings are projected by {@code constraint} after each update (null for none). */
    public Embedding withEmbeddingsConstraint(Constraint constraint) {
        return copy(new Embedding(inputDim, outputDim, embeddingsInitializer, embeddingsRegularizer, constraint, maskZero));
    }

    /** A copy that treats index 0 as padding and masks it ({@link MaskSource}). */
    public Embedding withMaskZero(boolean maskZero) {
        return copy(new Embedding(inputDim, outputDim, embeddingsInitializer, embeddingsRegularizer, embeddingsConstraint,
                maskZero));
    }

    private Embedding copy(Embedding e) {
        if (name() != null) {
            e.withName(name());
        }
        if (inputShape() != null) {
            e.withInputShape(inputShape().dims());
        }
        return e;
    }

    @Override
    public Embedding withName(String name) {
        super.withName(name);
        return this;
    }

    @Override
    public Embedding withInputShape(long... dims) {
        super.withInputShape(dims);
        return this;
    }

    public int inputDim() {
        return inputDim;
    }

    public int outputDim() {
        return outputDim;
    }

    public Initializer embeddingsInitializer() {
        return embeddingsInitializer;
    }

    public Regularizer embeddingsRegularizer() {
        return embeddingsRegularizer;
    }

    public Constraint embeddingsConstraint() {
        return embeddingsConstraint;
    }

    public boolean maskZero() {
        return maskZero;
    }

    @Override
    public boolean producesMask() {
        return maskZero;
    }

    /**
     * 1 where the index is not 0, for indices {@code [batch, timesteps]}.
     *
     * @throws IllegalArgumentException unless the input has rank 2
     */
    @Override
    public INDArray computeMask(INDArray input) {
        if (input.rank() != 2) {
            throw new IllegalArgumentException(describe() + " computes a mask from indices of shape [batch, timesteps], got "
                    + Arrays.toString(input.shape()));
        }
        return input.neq(0).castTo(DataType.FLOAT);
    }

    @Override
    public Shape computeOutputShape(Shape inputShape) {
        long[] in = inputShape.dims();
        long[] out = Arrays.copyOf(in, in.length + 1);
        out[in.length] = outputDim;
        return Shape.of(out);
    }

    @Override
    public long countTrainableParams(Shape inputShape) {
        return (long) inputDim * outputDim;
    }

    @Override
    protected Map<String, Object> layerConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("input_dim", inputDim);
        cfg.put("output_dim", outputDim);
        cfg.put("embeddings_initializer", Configs.serialize(embeddingsInitializer));
        cfg.put("embeddings_regularizer", Configs.serialize(embeddingsRegularizer));
        cfg.put("embeddings_constraint", Configs.serialize(embeddingsConstraint));
        cfg.put("mask_zero", maskZero);
        return cfg;
    }
}
