package org.keras4j.examples.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.backend.Backend;

/**
 * The tuned worker JVM's share of the benchmark: each workload written by hand in DL4J, with
 * keras4j, and in every PyTorch configuration ({@link PyTorchServers}, when given), from the same
 * start, with their repetitions interleaved: repetition i runs every side once, in order for even
 * i and in reverse for odd i (ABBA), so that a change in the machine's load hits every side alike.
 *
 * <pre>{@code
 * Backend.configure();
 * TunedRun run = new TunedRun(sizes, 5, 42, unsupervised, torchOrNull);
 * run.run(List.of("w1", "w6"));
 * Results r = run.results();
 * }</pre>
 */
final class TunedRun {
    /** Every workload, in a full run's order. */
    static final List<String> ALL = List.of("w1", "w4", "w2", "w3", "w6", "w7", "w8", "w9", "w10", "r1", "w5");

    /**
     * The problem sizes of every workload.
     *
     * @param base W1, W4 and W5's sizes
     */
    record Sizes(Workloads.Sizes base, int w2Samples, int w3Samples, int w6Samples, int w7Samples, int w8Samples,
                 int w9Batches) {
    }

    /** One side of a comparison: its variant in the results and one timed repetition. */
    record Side(String variant, DoubleSupplier rep) {
    }

    private final Sizes sizes;
    private final int reps;
    private final long seed;
    private final UnsupervisedOptions unsup;
    private final Results r = new Results();
    private PyTorchServers torch;

    /** @param torch PyTorch's servers, or null to run without PyTorch; closed when a request to them fails */
    TunedRun(Sizes sizes, int reps, long seed, UnsupervisedOptions unsup, PyTorchServers torch) {
        this.sizes = sizes;
        this.reps = reps;
        this.seed = seed;
        this.unsup = unsup;
        this.torch = torch;
        if (torch != null) {
            torch.info().forEach((k, v) -> r.info(ResultsTable.PYTORCH, k, v));
        }
    }

    Results results() {
        return r;
    }

    /**
     * Runs {@code workloads} ({@link #ALL}'s names) in order.
     *
     * @throws IllegalArgumentException for a name not in {@link #ALL}
     */
    void run(List<String> workloads) {
        for (String w : workloads) {
            switch (w) {
                case "w1" -> w1();
                case "w2" -> w2();
                case "w3" -> w3();
                case "w4" -> w4();
                case "w5" -> w5();
                case "w6" -> w6();
                case "w7" -> w7();
                case "w8" -> w8();
                case "w9" -> w9();
                case "w10" -> UnsupervisedWorkloads.w10(unsup, reps, seed, r);
                case "r1" -> {
                    progress("  R1 RBM (" + unsup.r1Epochs + " epochs)");
                    RbmWorkload.run(unsup, seed, r);
                }
                default -> throw new IllegalArgumentException("workloads are " + ALL + ", got " + w);
            }
        }
        r.info(ResultsTable.KERAS4J, "peak_rss_mb", Machine.peakRssMb());
        r.info(ResultsTable.KERAS4J, "report", Backend.report());
    }

    private void w1() {
        Workloads w = new Workloads(sizes.base(), seed);
        MultiLayerNetwork mlp = Workloads.dl4jMlp(seed);
        Keras.setRandomSeed(seed);
        Sequential kmlp = Workloads.kerasMlp();
        sameStart(mlp, kmlp);
        w.warmUpW1(mlp, kmlp);
        warmTorch("w1");
        progress("  W1 training");
        compare(Metric.W1_TRAIN, () -> w.w1TrainDl4j(mlp), () -> w.w1TrainKeras(kmlp));
        compare(Metric.W1_INFER, () -> w.w1InferDl4j(mlp), () -> w.w1InferKeras(kmlp));
    }

    private void w4() {
        Workloads w = new Workloads(sizes.base(), seed);
        MultiLayerNetwork tiny = Workloads.dl4jTiny(seed);
        Keras.setRandomSeed(seed);
        Sequential ktiny = Workloads.kerasTiny();
        sameStart(tiny, ktiny);
        w.warmUpW4(tiny, ktiny);
        warmTorch("w4");
        progress("  W4 tiny batches");
        compare(Metric.W4_TRAIN, () -> w.w4TrainDl4j(tiny), () -> w.w4TrainKeras(ktiny));
        compare(Metric.W4_INFER, () -> w.w4InferDl4j(tiny), () -> w.w4InferKeras(ktiny));
    }

    private void w2() {
        CnnWorkload w2 = new CnnWorkload(sizes.w2Samples(), seed);
        MultiLayerNetwork cnn = CnnWorkload.dl4jCnn(seed);
        Keras.setRandomSeed(seed);
        Sequential kcnn = CnnWorkload.kerasCnn();
        sameStart(cnn, kcnn);
        w2.warmUp(cnn, kcnn);
        warmTorch("w2");
        progress("  W2 CNN");
        compare(Metric.W2_TRAIN, () -> w2.trainDl4j(cnn), () -> w2.trainKeras(kcnn));
        compare(Metric.W2_INFER, () -> w2.inferDl4j(cnn), () -> w2.inferKeras(kcnn));
    }

    /** The LSTM classifier by hand in DL4J and in keras4j, from the same weights. */
    private void w3() {
        LstmWorkload w3 = new LstmWorkload(sizes.w3Samples(), seed);
        MultiLayerNetwork lstm = LstmWorkload.dl4jLstm(seed);
        Keras.setRandomSeed(seed);
        Sequential klstm = LstmWorkload.kerasLstm();
        sameStart(lstm, klstm);
        w3.warmUp(lstm, klstm);
        warmTorch("w3");
        progress("  W3 LSTM");
        compare(Metric.W3_TRAIN, () -> w3.trainDl4j(lstm), () -> w3.trainKeras(klstm));
    }

    /** The course-size classifier by hand in DL4J and in keras4j, from the same weights. */
    private void w6() {
        CourseClassifierWorkload w6 = new CourseClassifierWorkload(sizes.w6Samples(), seed);
        MultiLayerNetwork hand = CourseClassifierWorkload.dl4jClassifier(seed);
        Keras.setRandomSeed(seed);
        Sequential model = CourseClassifierWorkload.kerasClassifier();
        sameStart(hand, model);
        w6.warmUp(hand, model);
        warmTorch("w6");
        progress("  W6 course classifier");
        compare(Metric.W6_TRAIN, () -> w6.trainDl4j(hand), () -> w6.trainKeras(model));
    }

    /** The hand-written graph and the functional model from the same weights. */
    private void w7() {
        ResidualWorkload w7 = new ResidualWorkload(sizes.w7Samples(), seed);
        ComputationGraph graph = ResidualWorkload.dl4jResNet(seed);
        Keras.setRandomSeed(seed);
        Functional model = ResidualWorkload.kerasResNet();
        ResidualWorkload.sameStart(graph, model);
        w7.warmUp(graph, model);
        warmTorch("w7");
        progress("  W7 residual CNN");
        compare(Metric.W7_TRAIN, () -> w7.trainDl4j(graph), () -> w7.trainKeras(model));
    }

    /** keras4j's GRU (no DL4J side: DL4J has no GRU). */
    private void w8() {
        GruWorkload w8 = new GruWorkload(sizes.w8Samples(), seed);
        Keras.setRandomSeed(seed);
        Sequential model = GruWorkload.kerasGru();
        w8.warmUp(model);
        warmTorch("w8");
        progress("  W8 GRU");
        List<Side> sides = new ArrayList<>(List.of(new Side(ResultsTable.KERAS4J, () -> w8.trainKeras(model))));
        sides.addAll(torchSides(Metric.W8_TRAIN));
        interleave(reps, sides, r, Metric.W8_TRAIN);
    }

    /** The language-model step by hand in DL4J and in keras4j, from the same weights. */
    private void w9() {
        LanguageModelWorkload w9 = new LanguageModelWorkload(sizes.w9Batches(), seed);
        MultiLayerNetwork hand = LanguageModelWorkload.dl4jModel(seed);
        Keras.setRandomSeed(seed);
        Sequential model = LanguageModelWorkload.kerasModel();
        sameStart(hand, model);
        w9.warmUp(hand, model);
        warmTorch("w9");
        progress("  W9 language model");
        compare(Metric.W9_TRAIN, () -> w9.trainDl4j(hand), () -> w9.trainKeras(model));
    }

    /** sgemm: the same {@code Nd4j.gemm} call stands for both tuned columns. */
    private void w5() {
        warmTorch("w5");
        progress("  W5 sgemm");
        List<Side> sides = new ArrayList<>(List.of(new Side(ResultsTable.KERAS4J,
                Workloads.sgemm(sizes.base().gemmN(), seed))));
        sides.addAll(torchSides(Metric.W5_SGEMM));
        interleave(reps, sides, r, Metric.W5_SGEMM);
        r.addAll(ResultsTable.DL4J_TUNED, Metric.W5_SGEMM, r.reps(ResultsTable.KERAS4J, Metric.W5_SGEMM));
    }

    /** DL4J tuned, keras4j and every PyTorch configuration, interleaved. */
    private void compare(Metric m, DoubleSupplier dl4j, DoubleSupplier keras) {
        List<Side> sides = new ArrayList<>(List.of(new Side(ResultsTable.DL4J_TUNED, dl4j),
                new Side(ResultsTable.KERAS4J, keras)));
        sides.addAll(torchSides(m));
        interleave(reps, sides, r, m);
    }

    private void warmTorch(String workload) {
        if (torch != null) {
            try {
                torch.warm(workload);
            } catch (RuntimeException e) {
                torchFailed(e);
            }
        }
    }

    /** A side per PyTorch configuration; after a failure (reported once) they return NaN, which is not recorded. */
    private List<Side> torchSides(Metric m) {
        if (torch == null) {
            return List.of();
        }
        List<Side> sides = new ArrayList<>();
        for (PyTorchServers.Config c : torch.configs()) {
            sides.add(new Side(c.variant(), () -> {
                if (torch == null) {
                    return Double.NaN;
                }
                try {
                    return torch.rep(c, m);
                } catch (RuntimeException e) {
                    torchFailed(e);
                    return Double.NaN;
                }
            }));
        }
        return sides;
    }

    private void torchFailed(RuntimeException e) {
        r.info(ResultsTable.PYTORCH, "failed", e.getMessage());
        progress("PyTorch failed, the run goes on without it: " + e.getMessage());
        torch.close();
        torch = null;
    }

    /**
     * Starts the hand-written network from the keras4j model's initial weights when they have as
     * many parameters (always, here: the same layers): how fast a step runs can depend on the
     * values (saturated units, denormal floats), so both sides train from the same start.
     */
    static void sameStart(MultiLayerNetwork hand, Sequential model) {
        if (hand.numParams() == model.network().numParams()) {
            hand.setParams(model.network().params());
        }
    }

    /** {@code reps} rounds of every side, in order for even rounds and in reverse for odd ones; NaN is not recorded. */
    static void interleave(int reps, List<Side> sides, Results r, Metric m) {
        for (int i = 0; i < reps; i++) {
            List<Side> order = new ArrayList<>(sides);
            if (i % 2 == 1) {
                java.util.Collections.reverse(order);
            }
            for (Side s : order) {
                double v = s.rep().getAsDouble();
                if (!Double.isNaN(v)) {
                    r.add(s.variant(), m, v);
                }
            }
        }
    }

    static void progress(String msg) {
        System.err.println(String.format(Locale.ROOT, "[benchmark %tT] %s", System.currentTimeMillis(), msg));
    }
}
