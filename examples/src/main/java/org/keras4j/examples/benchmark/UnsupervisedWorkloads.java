package org.keras4j.examples.benchmark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.models.Autoencoder;

/**
 * The unsupervised workloads in the benchmark's run: W10 (the deep autoencoder against the same
 * network in hand-written DL4J, in the tuned worker JVM) and R1 (keras4j's RBM there, then
 * scikit-learn's {@code BernoulliRBM} from the coordinating JVM through
 * {@code benchmark/sklearn_bench.py}, on the data files keras4j's side used).
 *
 * <pre>{@code
 * UnsupervisedWorkloads.w10(options, 5, 42, results);                    // in the tuned worker
 * UnsupervisedWorkloads.runSklearn(options, null, 42, all, machine);     // in the coordinator
 * }</pre>
 */
final class UnsupervisedWorkloads {
    private UnsupervisedWorkloads() {
    }

    /** The {@code --only} names of these workloads, which PyTorch's script does not run. */
    static final List<String> NAMES = List.of("w10", "r1");

    /** W10 into {@code r}: the hand-written network and the autoencoder from the same weights, ABBA. */
    static void w10(UnsupervisedOptions o, int reps, long seed, Results r) {
        AutoencoderWorkload w10 = new AutoencoderWorkload(o.w10Samples, seed);
        MultiLayerNetwork net = AutoencoderWorkload.dl4jAutoencoder(seed);
        Autoencoder ae = AutoencoderWorkload.kerasAutoencoder(seed);
        AutoencoderWorkload.sameStart(net, ae);
        w10.warmUp(net, ae);
        progress("  W10 deep autoencoder");
        TunedRun.interleave(reps, List.of(new TunedRun.Side(ResultsTable.DL4J_TUNED, () -> w10.trainDl4j(net)),
                new TunedRun.Side(ResultsTable.KERAS4J, () -> w10.trainKeras(ae))), r, Metric.W10_TRAIN);
        r.info(ResultsTable.KERAS4J, "w10_samples", String.valueOf(o.w10Samples));
    }

    /** {@code only} (comma-separated workload names) without these workloads' names, for PyTorch's script. */
    static String withoutOwn(String only) {
        return String.join(",", java.util.Arrays.stream(only.split(",")).filter(w -> !NAMES.contains(w)).toList());
    }

    /**
     * scikit-learn's R1 into {@code all}, on the files the keras4j worker reported; why it did not
     * run, the data of R1 and W10 and scikit-learn's settings go into {@code machine}. Synthetic data files are
     * deleted afterwards.
     *
     * @param python the interpreter asked for on the command line, or null
     */
    static void runSklearn(UnsupervisedOptions o, String python, long seed, Results all, Map<String, String> machine)
            throws IOException, InterruptedException {
        String train = all.info(ResultsTable.KERAS4J, "r1_train_images");
        String test = all.info(ResultsTable.KERAS4J, "r1_test_images");
        String data = all.info(ResultsTable.KERAS4J, "r1_data");
        if (data != null) {
            machine.put("R1 data", data);
        }
        String w10 = all.info(ResultsTable.KERAS4J, "w10_samples");
        if (w10 != null) {
            machine.put("W10 data", w10 + " synthetic samples of 784 values uniform in [0, 1]");
        }
        try {
            if (o.noSklearn) {
                return;
            }
            if (train == null || test == null) {
                machine.put("scikit-learn", "not run: keras4j's R1 did not run, so there is no data to compare on");
                return;
            }
            List<String> candidates = python != null ? List.of(python, "python3", "/usr/bin/python3")
                    : List.of("python3", "/usr/bin/python3");
            Optional<String> py = PyTorchRunner.findPython(candidates, "sklearn");
            if (py.isEmpty()) {
                machine.put("scikit-learn", "not run: none of " + candidates + " can import sklearn "
                        + "(Debian: apt-get install python3-sklearn)");
                return;
            }
            progress("scikit-learn R1 (" + py.get() + ") ...");
            List<String> args = new ArrayList<>(List.of("--train-images", train, "--test-images", test,
                    "--samples", all.info(ResultsTable.KERAS4J, "r1_samples"),
                    "--eval", all.info(ResultsTable.KERAS4J, "r1_eval"),
                    "--epochs", String.valueOf(o.r1Epochs), "--seed", String.valueOf(seed)));
            Path script = Benchmark.benchmarkDir().resolve("sklearn_bench.py");
            Results sk = PyTorchRunner.run(py.get(), script, args);
            all.merge(sk);
            for (String key : List.of("version", "blas", "score_samples")) {
                String v = sk.info(SklearnTable.SKLEARN, key);
                if (v != null) {
                    machine.put("scikit-learn " + key, v);
                }
            }
        } catch (IllegalStateException | IllegalArgumentException e) {
            machine.put("scikit-learn", "failed: " + e.getMessage());
        } finally {
            if (train != null && test != null && "true".equals(all.info(ResultsTable.KERAS4J, "r1_synthetic"))) {
                RbmWorkload.deleteSynthetic(Path.of(train), Path.of(test));
            }
        }
    }

    private static void progress(String msg) {
        System.err.println(String.format(java.util.Locale.ROOT, "[benchmark %tT] %s", System.currentTimeMillis(), msg));
    }
}
