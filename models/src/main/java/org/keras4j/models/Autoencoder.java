package org.keras4j.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.keras4j.FitOptions;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Shape;
import org.keras4j.callbacks.History;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.regularization.GaussianNoise;
import org.keras4j.layers.reshaping.UpSampling2D;
import org.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An autoencoder written with keras4j's functional API, as Keras's guide builds one: an encoder
 * from the input to a code, a decoder from the code back to the input's shape, trained with
 * {@code compile} / {@code fit} (every callback applies) to reproduce its input. {@link #encoder()}
 * and {@link #decoder()} are models of their own that share the autoencoder's layers, so they
 * always run with the weights the autoencoder trained.
 *
 * <ul>
 *   <li>{@link #linear(int, int)}: {@code Dense(k)} and {@code Dense(d)}, no bias, no activation:
 *       trained with mse on centred data its decoder spans the first {@code k} principal
 *       directions (the "PCA to autoencoders" lesson).</li>
 *   <li>{@link #deep(int, int...)}: Dense layers with an activation (relu by default), a linear
 *       code and a mirrored decoder.</li>
 *   <li>{@link #conv(int, int, int, int...)}: Conv2D + MaxPooling2D blocks down, Conv2D +
 *       UpSampling2D blocks up, for channels-last images.</li>
 *   <li>{@link #denoising(double)}: any of them with a {@code GaussianNoise} layer on the input,
 *       active in training only, so {@code fit(x)} learns to map noisy input to the clean target;
 *       or train on noisy copies with {@link #fit(INDArray, INDArray, FitOptions)}.</li>
 * </ul>
 *
 * <pre>{@code
 * Autoencoder ae = Autoencoder.deep(784, 128, 32).withOutputActivation("sigmoid").denoising(0.3);
 * ae.compile("adam", "mse");
 * ae.fit(xTrain, FitOptions.defaults().epochs(10).batchSize(128).validationData(xVal, xVal)
 *         .callbacks(new EarlyStopping("val_loss").withPatience(2)));
 * INDArray codes = ae.encode(xTest);                       // [n, 32]
 * INDArray images = ae.decode(codes);                      // [n, 784]
 * INDArray errors = ae.reconstructionError(xTest);         // [n], mean squared error per sample
 * AnomalyDetector detector = AnomalyDetector.fit(ae, xVal, 95);
 * }</pre>
 *
 * <p>The architecture methods ({@code denoising}, {@code withActivation}, …) return a new,
 * uncompiled autoencoder; call them before {@code compile}.
 */
public final class Autoencoder {

    /** The three architectures. */
    public enum Kind { LINEAR, DEEP, CONV }

    /** Everything the architecture is made from; the layers are built from it. */
    private record Spec(Kind kind, Shape input, int[] units, String activation, String codeActivation,
                        String outputActivation, double noiseStddev) {
    }

    private final Spec spec;
    private final Functional model;
    private final Functional encoder;
    private final Functional decoder;
    private final List<Layer> encoderLayers;
    private final List<Layer> decoderLayers;

    private Autoencoder(Spec spec) {
        this.spec = spec;
        KerasTensor in = Keras.input("input", spec.input().dims());
        KerasTensor x = in;
        if (spec.noiseStddev() > 0) {
            // training only: DL4J applies it as a dropout-like input transform, inference sees the clean input
            x = new GaussianNoise(spec.noiseStddev()).withName("noise").apply(x);
        }
        this.encoderLayers = encoderLayers(spec);
        for (Layer l : encoderLayers) {
            x = l.apply(x);
        }
        KerasTensor code = x;
        this.decoderLayers = decoderLayers(spec);
        for (Layer l : decoderLayers) {
            x = l.apply(x);
        }
        this.model = new Functional("autoencoder", List.of(in), List.of(x));
        this.encoder = new Functional("encoder", List.of(in), List.of(code));
        // Keras's recipe: the decoder layers called again on an input of the code's shape
        KerasTensor codeIn = Keras.input("code_input", code.shape().dims());
        KerasTensor y = codeIn;
        for (Layer l : decoderLayers) {
            y = l.apply(y);
        }
        this.decoder = new Functional("decoder", List.of(codeIn), List.of(y));
    }

    // ---- architectures ----

    /**
     * The linear autoencoder: {@code Dense(codeSize)} and {@code Dense(inputDim)}, no bias and no
     * activation, so {@code encode(x) = x W} and {@code decode(z) = z V}. Center the data first
     * (subtract the training mean): without biases it only matches PCA on centred data.
     *
     * @throws IllegalArgumentException unless {@code 0 < codeSize <= inputDim}
     */
    public static Autoencoder linear(int inputDim, int codeSize) {
        requirePositive(inputDim, "inputDim");
        requirePositive(codeSize, "codeSize");
        if (codeSize > inputDim) {
            throw new IllegalArgumentException("codeSize must be at most inputDim (" + inputDim + "), got " + codeSize);
        }
        return new Autoencoder(new Spec(Kind.LINEAR, Shape.of(inputDim), new int[] {codeSize}, "linear", "linear",
                "linear", 0));
    }

    /**
     * A deep autoencoder: Dense layers of {@code units} (the last is the code size) with a relu
     * activation and a linear code, then the mirrored decoder ending in {@code Dense(inputDim)},
     * linear unless {@link #withOutputActivation} says otherwise ("sigmoid" for pixels in [0, 1]).
     *
     * <pre>{@code
     * Autoencoder.deep(784, 256, 64, 16);   // 784-256-64-16-64-256-784
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code units} is empty or a size is not positive
     */
    public static Autoencoder deep(int inputDim, int... units) {
        requirePositive(inputDim, "inputDim");
        requireUnits(units, "units");
        return new Autoencoder(new Spec(Kind.DEEP, Shape.of(inputDim), units.clone(), "relu", "linear", "linear", 0));
    }

    /**
     * A convolutional autoencoder for channels-last images, as Keras's guide writes it: per entry
     * of {@code filters} a {@code Conv2D(f, 3, relu, same)} and a {@code MaxPooling2D(2)} (the code
     * is {@code (h / 2^L, w / 2^L, filters[L-1])}), then per entry in reverse a
     * {@code Conv2D(f, 3, relu, same)} and an {@code UpSampling2D(2)}, and a final
     * {@code Conv2D(channels, 3, same)} with the output activation.
     *
     * <pre>{@code
     * Autoencoder.conv(28, 28, 1, 16, 8).withOutputActivation("sigmoid");   // code (7, 7, 8)
     * }</pre>
     *
     * @throws IllegalArgumentException if {@code filters} is empty, a size is not positive, or the
     *     height or width is not divisible by {@code 2^filters.length}
     */
    public static Autoencoder conv(int height, int width, int channels, int... filters) {
        requirePositive(height, "height");
        requirePositive(width, "width");
        requirePositive(channels, "channels");
        requireUnits(filters, "filters");
        int factor = 1 << filters.length;
        if (height % factor != 0 || width % factor != 0) {
            throw new IllegalArgumentException("height and width must be divisible by 2^" + filters.length + " = " + factor
                    + " (one pooling per entry of filters), got " + height + " x " + width);
        }
        return new Autoencoder(new Spec(Kind.CONV, Shape.of(height, width, channels), filters.clone(), "relu", "relu",
                "linear", 0));
    }

    /**
     * This architecture with a {@code GaussianNoise(stddev)} layer on the input: noise is drawn
     * afresh for every training batch and switched off for {@code predict}, so {@code fit(x)}
     * trains on noisy input against the clean target.
     *
     * @throws IllegalArgumentException unless {@code stddev} is finite and positive
     */
    public Autoencoder denoising(double stddev) {
        if (!(stddev > 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("stddev must be a positive finite number, got " + stddev);
        }
        return new Autoencoder(new Spec(spec.kind(), spec.input(), spec.units(), spec.activation(), spec.codeActivation(),
                spec.outputActivation(), stddev));
    }

    /**
     * The activation of the hidden layers (deep and convolutional; default relu).
     *
     * @throws IllegalArgumentException for a linear autoencoder, which has no hidden activation
     */
    public Autoencoder withActivation(String activation) {
        requireNotLinear("withActivation");
        return new Autoencoder(new Spec(spec.kind(), spec.input(), spec.units(), activation, spec.codeActivation(),
                spec.outputActivation(), spec.noiseStddev()));
    }

    /** The activation of the code layer (deep: default linear; convolutional: the code is after relu and pooling). */
    public Autoencoder withCodeActivation(String activation) {
        requireNotLinear("withCodeActivation");
        if (spec.kind() == Kind.CONV) {
            throw new IllegalArgumentException("withCodeActivation applies to deep autoencoders; a convolutional code is"
                    + " the last pooling's output, got kind " + spec.kind());
        }
        return new Autoencoder(new Spec(spec.kind(), spec.input(), spec.units(), spec.activation(), activation,
                spec.outputActivation(), spec.noiseStddev()));
    }

    /** The activation of the reconstruction (default linear; "sigmoid" for data in [0, 1]). */
    public Autoencoder withOutputActivation(String activation) {
        requireNotLinear("withOutputActivation");
        return new Autoencoder(new Spec(spec.kind(), spec.input(), spec.units(), spec.activation(), spec.codeActivation(),
                activation, spec.noiseStddev()));
    }

    private static List<Layer> encoderLayers(Spec s) {
        List<Layer> layers = new ArrayList<>();
        int[] u = s.units();
        switch (s.kind()) {
            case LINEAR -> layers.add(new Dense(u[0]).withUseBias(false).withName("code"));
            case DEEP -> {
                for (int i = 0; i < u.length - 1; i++) {
                    layers.add(new Dense(u[i], s.activation()).withName("encoder_" + (i + 1)));
                }
                layers.add(new Dense(u[u.length - 1], s.codeActivation()).withName("code"));
            }
            case CONV -> {
                for (int i = 0; i < u.length; i++) {
                    layers.add(new Conv2D(u[i], 3, s.activation()).withPadding("same").withName("encoder_conv_" + (i + 1)));
                    layers.add(new MaxPooling2D(2).withPadding("same")
                            .withName(i == u.length - 1 ? "code" : "encoder_pool_" + (i + 1)));
                }
            }
            default -> throw new IllegalStateException("unknown kind " + s.kind());
        }
        return layers;
    }

    private static List<Layer> decoderLayers(Spec s) {
        List<Layer> layers = new ArrayList<>();
        int[] u = s.units();
        long[] in = s.input().dims();
        switch (s.kind()) {
            case LINEAR -> layers.add(new Dense((int) in[0]).withUseBias(false).withName("reconstruction"));
            case DEEP -> {
                for (int i = u.length - 2, n = 1; i >= 0; i--, n++) {
                    layers.add(new Dense(u[i], s.activation()).withName("decoder_" + n));
                }
                layers.add(new Dense((int) in[0], s.outputActivation()).withName("reconstruction"));
            }
            case CONV -> {
                // Conv2D + UpSampling2D, as Keras's guide; a Conv2DTranspose cannot be shared with the
                // decoder sub-model (keras4j has no Keras-layout weights for it yet)
                for (int i = u.length - 1, n = 1; i >= 0; i--, n++) {
                    layers.add(new Conv2D(u[i], 3, s.activation()).withPadding("same").withName("decoder_conv_" + n));
                    layers.add(new UpSampling2D(2).withName("decoder_upsampling_" + n));
                }
                layers.add(new Conv2D((int) in[2], 3, s.outputActivation()).withPadding("same").withName("reconstruction"));
            }
            default -> throw new IllegalStateException("unknown kind " + s.kind());
        }
        return layers;
    }

    // ---- models ----

    /** The whole autoencoder, input to reconstruction: compile and fit it (or use {@link #compile} and {@link #fit}). */
    public Functional model() {
        return model;
    }

    /**
     * The encoder, input to code, sharing the autoencoder's layers (Keras's
     * {@code Model(autoencoder.input, code)}); compiled for {@code predict} on first use.
     */
    public Functional encoder() {
        return ready(encoder);
    }

    /**
     * The decoder, code to reconstruction: the autoencoder's decoder layers called on an input of
     * the code's shape, so it shares their weights; compiled for {@code predict} on first use.
     */
    public Functional decoder() {
        return ready(decoder);
    }

    /** The encoder's layers after the input (and the noise), in order; the last is named "code". */
    public List<Layer> encoderLayers() {
        return List.copyOf(encoderLayers);
    }

    /** The decoder's layers, in order; the last is named "reconstruction". */
    public List<Layer> decoderLayers() {
        return List.copyOf(decoderLayers);
    }

    public Kind kind() {
        return spec.kind();
    }

    /** The shape of one input sample. */
    public Shape inputShape() {
        return spec.input();
    }

    /** The shape of one code (e.g. {@code (32)}, or {@code (7, 7, 8)} for a convolutional autoencoder). */
    public Shape codeShape() {
        return encoder.outputShape();
    }

    /** The standard deviation of the input noise, 0 unless {@link #denoising}. */
    public double noiseStddev() {
        return spec.noiseStddev();
    }

    // ---- training ----

    /** Compiles the autoencoder with Keras identifiers, e.g. {@code compile("adam", "mse")}. */
    public Autoencoder compile(String optimizer, String loss, String... metrics) {
        model.compile(optimizer, loss, metrics);
        return this;
    }

    /** Compiles the autoencoder with a typed optimizer, e.g. {@code compile(new Adam(1e-3), "mse")}. */
    public Autoencoder compile(Optimizer optimizer, String loss, String... metrics) {
        model.compile(optimizer, loss, metrics);
        return this;
    }

    /** Trains to reproduce {@code x}: {@code model().fit(x, x, options)}. */
    public History fit(INDArray x, FitOptions options) {
        requireArgument(x, "x");
        return model.fit(x, x, options);
    }

    /**
     * Trains from {@code input} to {@code target}, as Keras's {@code fit(x, y)}: {@code fit(x, x, options)}
     * is {@link #fit(INDArray, FitOptions)}; {@code fit(noisyCopies, x, options)} trains a denoising
     * autoencoder on fixed noisy copies instead of a noise layer.
     */
    public History fit(INDArray input, INDArray target, FitOptions options) {
        requireArgument(input, "input");
        requireArgument(target, "target");
        return model.fit(input, target, options);
    }

    // ---- the course's matrix view of a linear autoencoder ----

    /**
     * The linear encoder as the course writes it, {@code z = W x} for a column {@code x}: {@code W}
     * is {@code [codeSize, inputDim]}, the transpose of the code layer's Dense kernel (Keras's
     * {@code [in, out]} layout, {@code z = x kernel} for a row {@code x}).
     *
     * @throws IllegalArgumentException unless the autoencoder is linear
     * @throws IllegalStateException before {@code compile}
     */
    public INDArray encoderMatrix() {
        requireLinear("encoderMatrix");
        return encoderLayers.get(0).getWeights().get(0).transpose().dup();
    }

    /** The linear decoder, {@code x̂ = V z}: {@code V} is {@code [inputDim, codeSize]}. */
    public INDArray decoderMatrix() {
        requireLinear("decoderMatrix");
        return decoderLayers.get(0).getWeights().get(0).transpose().dup();
    }

    /**
     * Sets the linear autoencoder's weights by hand in the matrix view, e.g. the course's
     * {@code AutoEncoder(2, 1)} with {@code W = [1/√2, 1/√2]} and {@code V = Wᵀ}.
     *
     * <pre>{@code
     * Autoencoder ae = Autoencoder.linear(2, 1).compile("sgd", "mse");
     * INDArray w = Nd4j.createFromArray(new float[][] {{0.70710677f, 0.70710677f}});
     * ae.setMatrices(w, w.transpose());
     * ae.encode(Nd4j.createFromArray(new float[][] {{1, 1}}));   // [[1.4142]]
     * }</pre>
     *
     * @param encoder {@code W}, {@code [codeSize, inputDim]}
     * @param decoder {@code V}, {@code [inputDim, codeSize]}
     * @throws IllegalArgumentException unless the autoencoder is linear and the shapes match
     * @throws IllegalStateException before {@code compile}
     */
    public Autoencoder setMatrices(INDArray encoder, INDArray decoder) {
        requireLinear("setMatrices");
        requireArgument(encoder, "encoder");
        requireArgument(decoder, "decoder");
        long d = spec.input().get(0);
        long k = spec.units()[0];
        if (encoder.rank() != 2 || encoder.size(0) != k || encoder.size(1) != d) {
            throw new IllegalArgumentException("encoder must be W [codeSize=" + k + ", inputDim=" + d + "], got "
                    + Arrays.toString(encoder.shape()));
        }
        if (decoder.rank() != 2 || decoder.size(0) != d || decoder.size(1) != k) {
            throw new IllegalArgumentException("decoder must be V [inputDim=" + d + ", codeSize=" + k + "], got "
                    + Arrays.toString(decoder.shape()));
        }
        encoderLayers.get(0).setWeights(List.of(encoder.transpose().castTo(DataType.FLOAT).dup('c')));
        decoderLayers.get(0).setWeights(List.of(decoder.transpose().castTo(DataType.FLOAT).dup('c')));
        return this;
    }

    // ---- inference ----

    /** The codes of {@code x}, {@code [n, codeShape...]}. */
    public INDArray encode(INDArray x) {
        requireArgument(x, "x");
        return encoder().predict(x, 256);
    }

    /** The reconstructions from codes {@code z}, {@code [n, inputShape...]}. */
    public INDArray decode(INDArray z) {
        requireArgument(z, "z");
        return decoder().predict(z, 256);
    }

    /** {@code decode(encode(x))} in one pass of the autoencoder. */
    public INDArray reconstruct(INDArray x) {
        requireArgument(x, "x");
        return model.predict(x, 256);
    }

    /**
     * The reconstruction error of each sample: the mean over its values of
     * {@code (x - reconstruct(x))^2}, as Keras's per-sample {@code mse}; shape {@code [n]}, doubles.
     */
    public INDArray reconstructionError(INDArray x) {
        INDArray r = reconstruct(x);
        return meanSquaredError(x, r);
    }

    /**
     * The mean squared difference per sample of two arrays of the same shape, {@code [n]}, doubles.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public static INDArray meanSquaredError(INDArray x, INDArray reconstruction) {
        requireArgument(x, "x");
        requireArgument(reconstruction, "reconstruction");
        if (!Arrays.equals(x.shape(), reconstruction.shape())) {
            throw new IllegalArgumentException("x and reconstruction must have the same shape, got "
                    + Arrays.toString(x.shape()) + " and " + Arrays.toString(reconstruction.shape()));
        }
        long n = x.size(0);
        INDArray d = x.castTo(DataType.DOUBLE).reshape('c', n, x.length() / n)
                .sub(reconstruction.castTo(DataType.DOUBLE).reshape('c', n, x.length() / n));
        return d.muli(d).mean(1);
    }

    /**
     * {@code x} plus zero-centred Gaussian noise of standard deviation {@code stddev}, drawn from
     * {@code seed}: noisy copies for training or for showing what a denoising autoencoder removes.
     */
    public static INDArray addNoise(INDArray x, double stddev, long seed) {
        requireArgument(x, "x");
        if (!(stddev >= 0) || Double.isInfinite(stddev)) {
            throw new IllegalArgumentException("stddev must be a finite number >= 0, got " + stddev);
        }
        java.util.Random r = new java.util.Random(seed);
        INDArray noise = Nd4j.create(DataType.DOUBLE, x.shape());
        long n = noise.length();
        INDArray flat = noise.reshape(n);
        for (long i = 0; i < n; i++) {
            flat.putScalar(i, r.nextGaussian() * stddev);
        }
        return x.castTo(DataType.DOUBLE).add(noise).castTo(x.dataType());
    }

    @Override
    public String toString() {
        return "Autoencoder(" + spec.kind() + ", input " + spec.input() + ", units " + Arrays.toString(spec.units())
                + (spec.noiseStddev() > 0 ? ", noise " + spec.noiseStddev() : "") + ")";
    }

    // ---- helpers ----

    /** A sub-model built for inference ({@code Model.build()}); building keeps the shared layers' weights, as in Keras. */
    private static Functional ready(Functional m) {
        m.build(); // does nothing to a compiled or built model
        return m;
    }

    private void requireLinear(String method) {
        if (spec.kind() != Kind.LINEAR) {
            throw new IllegalArgumentException(method + " needs a linear autoencoder (Autoencoder.linear), got kind "
                    + spec.kind());
        }
    }

    private void requireNotLinear(String method) {
        if (spec.kind() == Kind.LINEAR) {
            throw new IllegalArgumentException(method + " does not apply to a linear autoencoder (no activations),"
                    + " got kind LINEAR; use Autoencoder.deep");
        }
    }

    private static void requireUnits(int[] units, String argument) {
        if (units == null || units.length == 0) {
            throw new IllegalArgumentException(argument + " must hold at least one size, got none");
        }
        for (int u : units) {
            if (u <= 0) {
                throw new IllegalArgumentException(argument + " must be positive, got " + Arrays.toString(units));
            }
        }
    }

    private static void requirePositive(int value, String argument) {
        if (value <= 0) {
            throw new IllegalArgumentException(argument + " must be positive, got " + value);
        }
    }

    private static void requireArgument(Object value, String argument) {
        if (value == null) {
            throw new IllegalArgumentException(argument + " must not be null");
        }
    }
}
