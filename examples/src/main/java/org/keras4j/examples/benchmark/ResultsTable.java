package org.keras4j.examples.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link Results} as the markdown of {@code benchmark/results.md}: one table of medians
 * with the ratios keras4j / DL4J and keras4j / PyTorch, then the machine and settings it ran on.
 *
 * <pre>{@code
 * String md = ResultsTable.render(results, Map.of("CPU", "AMD EPYC, 2 cores"), 3);
 * }</pre>
 */
final class ResultsTable {
    static final String DL4J_DEFAULT = "dl4j_default";
    static final String DL4J_TUNED = "dl4j_tuned";
    static final String KERAS4J = "keras4j";
    static final String PYTORCH = "pytorch";

    private static final String NA = "–";

    private ResultsTable() {
    }

    /**
     * The markdown document.
     *
     * @param machine facts about the run, in order (key, value)
     * @param reps the number of timed repetitions per cell
     */
    static String render(Results r, Map<String, String> machine, int reps) {
        return render(r, machine, reps, List.of(Metric.values()));
    }

    /** {@link #render(Results, Map, int)} with rows for {@code metrics} only (a run of one workload). */
    static String render(Results r, Map<String, String> machine, int reps, List<Metric> metrics) {
        StringBuilder md = new StringBuilder();
        md.append("# keras4j benchmark\n\n");
        md.append("Medians of ").append(reps).append(" timed repetitions after a warm-up, all measured in one run. ")
                .append("Ratios are time ratios, keras4j / other: above 1 keras4j is slower, ")
                .append("below 1 it is faster (for rates, the inverse ratio of the rates). ")
                .append("keras4j / DL4J tuned is the median of the ratios of repetitions run back to back in one JVM ")
                .append("(order ABBA), which cancels the drift of a shared machine's load.\n\n");
        md.append("| workload | unit | DL4J default | DL4J tuned | keras4j | PyTorch | keras4j / DL4J default "
                + "| keras4j / DL4J tuned | keras4j / PyTorch |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|\n");
        for (Metric m : metrics) {
            if (SklearnTable.METRICS.contains(m)) {
                continue;
            }
            double def = r.median(DL4J_DEFAULT, m);
            double tuned = r.median(DL4J_TUNED, m);
            double keras = r.median(KERAS4J, m);
            double torch = r.median(PYTORCH, m);
            md.append("| ").append(m.label).append(" | ").append(m.unit)
                    .append(" | ").append(value(m, def))
                    .append(" | ").append(value(m, tuned))
                    .append(" | ").append(value(m, keras))
                    .append(" | ").append(value(m, torch))
                    .append(" | ").append(ratio(m, keras, def))
                    .append(" | ").append(pairedRatio(r, m, keras, tuned))
                    .append(" | ").append(ratio(m, keras, torch))
                    .append(" |\n");
        }
        md.append("\n- **DL4J default**: the network written by hand with DL4J's builders, one `DataSet` per batch, ")
                .append("ND4J's and DL4J's default settings (no thread variables, layer helpers off).\n")
                .append("- **DL4J tuned**: the same hand-written network in the same process as keras4j, ")
                .append("after `Backend.configure()`, from the keras4j model's initial weights, with keras4j's ")
                .append("memory guard (`NativeMemoryGuard.shared().afterStep()`) after each batch as in keras4j's loops: ")
                .append("the hand-written network keeps DL4J's stock layers and relu, so keras4j / DL4J tuned is ")
                .append("the facade's cost minus what keras4j's own layer implementations save (dense products ")
                .append("written straight into row-major activations, the fused LSTM loop, convolutions that do not convolve ")
                .append("again in the backward pass, relu's gradient and its copy-free layer).\n")
                .append("- **keras4j**: `Sequential` + `compile` + `fit(x, y, FitOptions.defaults().epochs(1).batchSize(128)"
                        + ".verbose(0))` (Keras's defaults, so shuffled) + `predict(x, 1000)`. ")
                .append("W2, W3 and W7 use batch 64; the hand-written DL4J networks take DL4J's default NCHW / NCW data, ")
                .append("keras4j takes Keras's channels-last data. ")
                .append("W7 is a `Functional` model (Add shortcuts) against a hand-written DL4J `ComputationGraph` ")
                .append("(`ElementWiseVertex(Add)`), trained by the same hand loop; DL4J with its default settings does ")
                .append("not run it (about 70 images/s here: minutes for one cell). ")
                .append("W5 has no keras4j API: it is `Nd4j.gemm` under keras4j's settings, shown in both tuned columns.\n")
                .append("- **PyTorch**: `benchmark/pytorch_bench.py`, the same shapes, optimizers and batch sizes, ")
                .append("each workload with one intra-op thread and with one per core (`torch.set_num_threads`), the ")
                .append("faster kept (which one: PyTorch threads, below).\n")
                .append("- **memory**: a separate keras4j JVM trains W1 for several epochs, then W4 for many steps, ")
                .append("and reads its resident memory (VmRSS) along the way; see Machine and settings.\n\n");
        md.append("Reproduce (about 30 minutes on 2 cores; `--help` lists the options):\n\n```\n")
                .append("mvn -B -q -DskipTests install\n")
                .append("java -cp \"examples/target/classes:$(cat examples/target/classpath.txt)\" ")
                .append("org.keras4j.examples.benchmark.Benchmark\n```\n\n")
                .append("Absolute times drift between runs on a shared machine (see the load averages below); ")
                .append("ratios within one run are what to compare.\n\n");
        md.append(SklearnTable.render(r, metrics));
        md.append("## Machine and settings\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v.contains("\n")
                ? "\n\n```\n" + v.strip() + "\n```\n" : v + "\n"));
        md.append("\n## All repetitions\n\n");
        for (String variant : List.of(DL4J_DEFAULT, DL4J_TUNED, KERAS4J, PYTORCH, SklearnTable.SKLEARN)) {
            StringBuilder line = new StringBuilder();
            for (Metric m : metrics) {
                List<Double> reps0 = r.reps(variant, m);
                if (!reps0.isEmpty()) {
                    line.append(line.length() == 0 ? "" : "; ").append(m.key).append(" ")
                            .append(reps0.stream().map(v -> value(m, v)).toList());
                }
            }
            md.append("- ").append(variant).append(": ").append(line.length() == 0 ? "not run" : line).append('\n');
        }
        return md.toString();
    }

    static String value(Metric m, double v) {
        if (Double.isNaN(v)) {
            return NA;
        }
        return switch (m) {
            case W1_TRAIN, W3_TRAIN, W8_TRAIN, W10_TRAIN, R1_TRAIN, R1_PL -> String.format(Locale.ROOT, "%.2f", v);
            case W9_TRAIN -> String.format(Locale.ROOT, "%.1f", v);
            case W1_INFER, W2_TRAIN, W2_INFER, W4_TRAIN, W4_INFER, W7_TRAIN -> String.format(Locale.ROOT, "%,.0f", v);
            case W5_SGEMM -> String.format(Locale.ROOT, "%.0f", v);
        };
    }

    /**
     * keras4j / DL4J tuned: the median of the per-repetition ratios when both ran the same number
     * of back-to-back repetitions, else the ratio of the medians.
     */
    static String pairedRatio(Results r, Metric m, double keras, double tuned) {
        List<Double> k = r.reps(KERAS4J, m);
        List<Double> t = r.reps(DL4J_TUNED, m);
        if (k.isEmpty() || k.size() != t.size() || k.contains(0.0) || t.contains(0.0)) {
            return ratio(m, keras, tuned);
        }
        List<Double> ratios = new java.util.ArrayList<>();
        for (int i = 0; i < k.size(); i++) {
            ratios.add(m.slowdown(k.get(i), t.get(i)));
        }
        return String.format(Locale.ROOT, "%.2f", Results.median(ratios));
    }

    static String ratio(Metric m, double keras, double other) {
        if (Double.isNaN(keras) || Double.isNaN(other) || other == 0 || keras == 0) {
            return NA;
        }
        return String.format(Locale.ROOT, "%.2f", m.slowdown(keras, other));
    }
}
