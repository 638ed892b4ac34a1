package org.keras4j.models;

import java.util.Arrays;
import java.util.Random;

/**
 * How a language model picks the next token from its predicted distribution: {@link #greedy()}
 * (the most probable token), {@link #temperature(double, long)} (sampling from
 * {@code p^(1/T)}, renormalized: below 1 sharper, above 1 flatter) or {@link #topK(int, double, long)}
 * (sampling among the {@code k} most probable tokens only). The random choices come from the
 * sampler's own seeded generator, so one seed gives one text.
 *
 * <pre>{@code
 * TokenSampler sampler = TokenSampler.topK(5, 0.8, 42);
 * int next = sampler.next(probabilities);
 * }</pre>
 */
public final class TokenSampler {
    private final int k;
    private final double temperature;
    private final Random random;

    private TokenSampler(int k, double temperature, Random random) {
        this.k = k;
        this.temperature = temperature;
        this.random = random;
    }

    /** The most probable token every time (ties: the lowest index). */
    public static TokenSampler greedy() {
        return new TokenSampler(1, 1.0, null);
    }

    /**
     * Samples from the distribution sharpened or flattened by {@code temperature}.
     *
     * @throws IllegalArgumentException unless {@code temperature > 0}
     */
    public static TokenSampler temperature(double temperature, long seed) {
        return new TokenSampler(Integer.MAX_VALUE, checkTemperature(temperature), new Random(seed));
    }

    /**
     * Samples among the {@code k} most probable tokens, their probabilities raised to
     * {@code 1 / temperature} and renormalized.
     *
     * @throws IllegalArgumentException unless {@code k >= 1} and {@code temperature > 0}
     */
    public static TokenSampler topK(int k, double temperature, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("topK k must be at least 1, got " + k);
        }
        return new TokenSampler(k, checkTemperature(temperature), new Random(seed));
    }

    /**
     * The next token for {@code probabilities} (non-negative, one per token of the vocabulary; they
     * need not sum to 1).
     *
     * @throws IllegalArgumentException if the array is empty, or has a negative or non-finite
     *     entry, or sums to 0
     */
    public int next(double[] probabilities) {
        if (probabilities == null || probabilities.length == 0) {
            throw new IllegalArgumentException("probabilities must hold one entry per token, got "
                    + (probabilities == null ? "null" : "none"));
        }
        double sum = 0;
        for (int i = 0; i < probabilities.length; i++) {
            double p = probabilities[i];
            if (!(p >= 0) || Double.isInfinite(p)) {
                throw new IllegalArgumentException("probabilities[" + i + "] must be finite and >= 0, got " + p);
            }
            sum += p;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("probabilities must not all be 0");
        }
        if (random == null) {
            return argmax(probabilities);
        }
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // descending probability, ties by index: the candidate set of top-k is deterministic
        Arrays.sort(order, (a, b) -> probabilities[a] != probabilities[b]
                ? Double.compare(probabilities[b], probabilities[a]) : Integer.compare(a, b));
        int n = Math.min(k, order.length);
        double[] weights = new double[n];
        double total = 0;
        double top = probabilities[order[0]];
        for (int i = 0; i < n; i++) {
            // p^(1/T) scaled by the largest, so a low temperature cannot underflow every weight to 0
            weights[i] = Math.pow(probabilities[order[i]] / top, 1.0 / temperature);
            total += weights[i];
        }
        double u = random.nextDouble() * total;
        for (int i = 0; i < n; i++) {
            u -= weights[i];
            if (u < 0) {
                return order[i];
            }
        }
        return order[n - 1];
    }

    private static int argmax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) {
            if (p[i] > p[best]) {
                best = i;
            }
        }
        return best;
    }

    private static double checkTemperature(double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be finite and > 0, got " + temperature);
        }
        return temperature;
    }

    @Override
    public String toString() {
        return random == null ? "greedy" : k == Integer.MAX_VALUE ? "temperature(" + temperature + ")"
                : "topK(" + k + ", " + temperature + ")";
    }
}
