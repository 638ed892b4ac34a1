package org.keras4j.examples.benchmark;

/**
 * One measured quantity of the benchmark, with its unit and direction. The JSON key is shared
 * with {@code benchmark/pytorch_bench.py}.
 *
 * <pre>{@code
 * Metric.W1_TRAIN.slowdown(9.0, 3.0);   // 3.0: the first is three times slower
 * }</pre>
 */
enum Metric {
    W1_TRAIN("W1_train", "W1 MLP 784-512-256-10 training, batch 128", "s/epoch", true),
    W1_INFER("W1_infer", "W1 MLP inference, batch 1000", "samples/s", false),
    W2_TRAIN("W2_train", "W2 course CNN (16 and 32 5x5 filters) training, batch 64", "images/s", false),
    W2_INFER("W2_infer", "W2 course CNN inference, batch 1000", "images/s", false),
    W3_TRAIN("W3_train", "W3 LSTM 128 units on 50x64 sequences training, batch 64", "s/epoch", true),
    W4_TRAIN("W4_train", "W4 2-8-1 net training, batch 4", "µs/step", true),
    W4_INFER("W4_infer", "W4 2-8-1 net inference, batch 4", "µs/call", true),
    W5_SGEMM("W5_sgemm", "W5 sgemm 2048³", "GFLOP/s", false),
    W6_TRAIN("W6_train", "W6 course classifier 20-64-3 (relu, softmax, sparse_categorical_crossentropy, accuracy, Adam)"
            + " training, batch 32", "ms/step", true),
    W7_TRAIN("W7_train", "W7 residual CNN (2 blocks of 16 3x3 filters, functional) training, batch 64", "images/s", false),
    W8_TRAIN("W8_train", "W8 GRU 128 units on 50x64 sequences training, batch 64", "s/epoch", true),
    W9_TRAIN("W9_train", "W9 character LM step: Embedding 65x64, LSTM 256 over 100 steps, per-step softmax, batch 64",
            "ms/step", true),
    W10_TRAIN("W10_train", "W10 deep autoencoder 784-128-32-128-784 (relu, mse, Adam) training, batch 128", "s/epoch",
            true),
    R1_TRAIN("R1_train", "R1 RBM 784-256, persistent CD-1, SGD 0.05, binarized MNIST, batch 64", "s/epoch", true),
    R1_PL("R1_pl", "R1 RBM pseudo-likelihood after the last epoch (exact, mean over test images)", "nats/image", false,
            true);

    final String key;
    final String label;
    final String unit;
    final boolean lowerIsBetter;
    /** A quality, not a speed: two values are compared by their difference, not by a time ratio. */
    final boolean score;

    Metric(String key, String label, String unit, boolean lowerIsBetter) {
        this(key, label, unit, lowerIsBetter, false);
    }

    Metric(String key, String label, String unit, boolean lowerIsBetter, boolean score) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.lowerIsBetter = lowerIsBetter;
        this.score = score;
    }

    /**
     * How many times slower {@code value} is than {@code reference}: a time ratio for both times
     * and rates, so that 1.5 always means "takes 1.5x as long".
     */
    double slowdown(double value, double reference) {
        return lowerIsBetter ? value / reference : reference / value;
    }

    /** The workload it belongs to, as {@code --only} and {@code pytorch_bench.py} name it: {@code w1} for W1_train. */
    String workload() {
        return key.substring(0, key.indexOf('_')).toLowerCase(java.util.Locale.ROOT);
    }

    static Metric byKey(String key) {
        for (Metric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown benchmark metric '" + key + "'");
    }
}
