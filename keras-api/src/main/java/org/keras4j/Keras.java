package org.keras4j;

import java.util.concurrent.atomic.AtomicLong;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Process-wide settings, as Keras's {@code keras.utils.set_random_seed}.
 *
 * <pre>{@code
 * Keras.setRandomSeed(42);   // same weights, same shuffling, same dropout masks, run after run
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
