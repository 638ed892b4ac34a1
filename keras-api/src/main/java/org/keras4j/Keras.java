package org.keras4j;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import org.keras4j.layers.core.Input;
import org.keras4j.saving.keras.KerasFiles;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide settings, as Keras's {@code keras.utils.set_random_seed}.
 *
 * <pre>{@code
 * Keras.setRandomSeed(42);   // same weights, same shuffling, same dropout masks, run after run
 * KerasTensor inputs = Keras.input(28, 28, 1);   // keras.Input(shape=(28, 28, 1))
 * Model model = Keras.loadModel(Path.of("model.keras"));   // keras.saving.load_model
 * }</pre>
 */
public final class Keras {
    private static final AtomicLong SEEDS = new AtomicLong(System.nanoTime());

    private Keras() {
    }

    /**
     * Seeds every random draw keras4j makes: weight initialisation of models compiled after this
     * call, shuffling, dropout and noise.
     */
    public static void setRandomSeed(long seed) {
        SEEDS.set(seed);
        Nd4j.getRandom().setSeed(nonZero(seed));
    }

    /**
     * A symbolic input of one sample's shape (batch dimension implicit), as {@code keras.Input}:
     * call layers on it and make a {@link Functional} model.
     *
     * @throws IllegalArgumentException if there are no dimensions or one is not positive
     */
    public static KerasTensor input(long... shape) {
        return new Input(checkedShape(shape)).output();
    }

    /** {@link #input(long...)} with a name, as {@code keras.Input(shape, name=...)}: data can be passed by it. */
    public static KerasTensor input(String name, long... shape) {
        Input in = new Input(checkedShape(shape));
        in.withName(name);
        return in.output();
    }

    /**
     * Keras's {@code keras.saving.load_model}: the model in a Keras 3 {@code .keras} file, a legacy Keras HDF5 file
     * (Keras 1.x, 2.x, tf.keras, 3.x) or a keras4j model file, rebuilt from keras4j's layers, compiled as the file
     * says (see {@link KerasFiles}).
     *
     * <pre>{@code
     * Model model = Keras.loadModel(Path.of("fashion_mnist_model.keras"));
     * model.summary();
     * }</pre>
     *
     * @throws IllegalArgumentException if the file is missing, corrupt, or holds a model keras4j cannot rebuild
     *                                  (listing every layer and argument it cannot honour)
     */
    public static Model loadModel(Path path) {
        return KerasFiles.load(path);
    }

    private static Shape checkedShape(long... shape) {
        if (shape == null || shape.length == 0) {
            throw new IllegalArgumentException("input shape must have at least one dimension, got none");
        }
        for (long d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("input shape must have positive dimensions, got "
                        + java.util.Arrays.toString(shape));
            }
        }
        return Shape.of(shape);
    }

    /** The next seed of the global sequence (each compiled model takes one). */
    public static long nextSeed() {
        // SplitMix64: consecutive seeds give unrelated streams
        long s = SEEDS.getAndIncrement() + 0x9E3779B97F4A7C15L;
        s = (s ^ (s >>> 30)) * 0xbf58476d1ce4e5b9L;
        s = (s ^ (s >>> 27)) * 0x94d049bb133111ebL;
        return nonZero(s ^ (s >>> 31));
    }

    /** ND4J's native generator takes seed 0 as "seed from the clock": never hand it 0. */
    private static long nonZero(long seed) {
        return seed == 0 ? 0x5DEECE66DL : seed;
    }
}
