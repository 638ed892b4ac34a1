package org.keras4j.examples.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders {@link Results} as the markdown of {@code benchmark/results.md}: one table of medians
 * with the ratios keras4j / DL4J and keras4j / PyTorch (its fastest configuration, named), each
 * PyTorch configuration's medians, then the machine and settings it ran on.
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
                .append("keras4j / DL4J tuned and keras4j / PyTorch are the medians of the ratios of repetitions run ")
                .append("back to back (DL4J tuned, keras4j and every PyTorch configuration, in turn, order ABBA), which ")
                .append("cancels the drift of a shared machine's load. PyTorch is its fastest configuration (memory ")
                .append("allocator and thread count) for that workload, named in the next column.\n\n");
        md.append("| workload | unit | DL4J default | DL4J tuned | keras4j | PyTorch | fastest PyTorch | "
                + "keras4j / DL4J default | keras4j / DL4J tuned | keras4j / PyTorch |\n");
        md.append("|---|---|--:|--:|--:|--:|---|--:|--:|--:|\n");
        for (Metric m : metrics) {
            if (SklearnTable.METRICS.contains(m)) {
                continue;
            }
            double def = r.median(DL4J_DEFAULT, m);
            double tuned = r.median(DL4J_TUNED, m);
            double keras = r.median(KERAS4J, m);
            String fastest = fastestTorch(r, m);
            double torch = fastest == null ? Double.NaN : r.median(fastest, m);
            md.append("| ").append(m.label).append(" | ").append(m.unit)
                    .append(" | ").append(value(m, def))
                    .append(" | ").append(value(m, tuned))
                    .append(" | ").append(value(m, keras))
                    .append(" | ").append(value(m, torch))
                    .append(" | ").append(fastest == null ? NA : torchLabel(fastest))
                    .append(" | ").append(ratio(m, keras, def))
                    .append(" | ").append(pairedRatio(r, m, DL4J_TUNED, keras, tuned))
                    .append(" | ").append(fastest == null ? NA : pairedRatio(r, m, fastest, keras, torch))
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
                .append("W6 fits 5 epochs at batch 32 with integer labels, `sparse_categorical_crossentropy` and ")
                .append("`\"accuracy\"` (PyTorch reads the running accuracy each step, as a course loop's `.item()`; the ")
                .append("hand-written DL4J loop computes none). ")
                .append("W5 has no keras4j API: it is `Nd4j.gemm` under keras4j's settings, shown in both tuned columns.\n")
                .append("- **PyTorch**: `benchmark/pytorch_bench.py`, the same shapes, optimizers and batch sizes, ")
                .append("in one process per memory allocator (glibc's default; jemalloc through `LD_PRELOAD` of Debian's ")
                .append("`libjemalloc2`, else glibc with `MALLOC_MMAP_THRESHOLD_`, `MALLOC_TRIM_THRESHOLD_` and ")
                .append("`MALLOC_TOP_PAD_` raised), each with one intra-op thread and with one per core ")
                .append("(`torch.set_num_threads`): every configuration's medians are in the next table, and the fastest ")
                .append("is the one compared.\n")
                .append("- **memory**: a separate keras4j JVM trains W1 for several epochs, then W4 for many steps, ")
                .append("and reads its resident memory (VmRSS) along the way; see Machine and settings.\n\n");
        md.append("Reproduce (about 30 minutes on 2 cores; `--help` lists the options):\n\n```\n")
                .append("mvn -B -q -DskipTests install\n")
                .append("java -cp \"examples/target/classes:$(cat examples/target/classpath.txt)\" ")
                .append("org.keras4j.examples.benchmark.Benchmark\n```\n\n")
                .append("Absolute times drift between runs on a shared machine (see the load averages below); ")
                .append("ratios within one run are what to compare.\n\n");
        md.append(torchConfigurations(r, metrics));
        md.append(SklearnTable.render(r, metrics));
        md.append("## Machine and settings\n\n");
        machine.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v.contains("\n")
                ? "\n\n```\n" + v.strip() + "\n```\n" : v + "\n"));
        md.append("\n## All repetitions\n\n");
        List<String> variants = new java.util.ArrayList<>(List.of(DL4J_DEFAULT, DL4J_TUNED, KERAS4J));
        List<String> torch = torchVariants(r);
        variants.addAll(torch.isEmpty() ? List.of(PYTORCH) : torch);
        variants.add(SklearnTable.SKLEARN);
        for (String variant : variants) {
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
            case W6_TRAIN -> String.format(Locale.ROOT, "%.3f", v);
            case W1_INFER, W2_TRAIN, W2_INFER, W4_TRAIN, W4_INFER, W7_TRAIN -> String.format(Locale.ROOT, "%,.0f", v);
            case W5_SGEMM -> String.format(Locale.ROOT, "%.0f", v);
        };
    }

    /** The PyTorch variants ({@code pytorch}, or one per configuration), in the order they ran. */
    static List<String> torchVariants(Results r) {
        return r.variants().stream().filter(v -> v.equals(PYTORCH) || v.startsWith(PYTORCH + " ")).toList();
    }

    /** The PyTorch variant with the best median for {@code m}, or null when none ran it. */
    static String fastestTorch(Results r, Metric m) {
        String best = null;
        for (String v : torchVariants(r)) {
            double median = r.median(v, m);
            if (!Double.isNaN(median) && (best == null || m.slowdown(median, r.median(best, m)) < 1)) {
                best = v;
            }
        }
        return best;
    }

    /** {@code jemalloc, 1 thread} for a configuration's variant; {@code as run} for the script's own choice. */
    static String torchLabel(String variant) {
        return PyTorchServers.Config.ofVariant(variant).map(PyTorchServers.Config::label).orElse("as run");
    }

    /** Each PyTorch configuration's medians, when there are several: which allocator and thread count won where. */
    static String torchConfigurations(Results r, List<Metric> metrics) {
        List<String> configs = torchVariants(r).stream().filter(v -> !v.equals(PYTORCH)).toList();
        List<Metric> rows = metrics.stream().filter(m -> configs.stream().anyMatch(v -> !r.reps(v, m).isEmpty())).toList();
        if (configs.size() < 2 || rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## PyTorch configurations\n\n| workload | unit |");
        configs.forEach(v -> md.append(' ').append(torchLabel(v)).append(" |"));
        md.append("\n|---|---|").append("--:|".repeat(configs.size())).append('\n');
        for (Metric m : rows) {
            String fastest = fastestTorch(r, m);
            md.append("| ").append(m.label).append(" | ").append(m.unit).append(" |");
            for (String v : configs) {
                String cell = value(m, r.median(v, m));
                md.append(' ').append(v.equals(fastest) ? "**" + cell + "**" : cell).append(" |");
            }
            md.append('\n');
        }
        return md.append("\nMedians; the fastest in bold.\n\n").toString();
    }

    /**
     * keras4j / {@code other}: the median of the per-repetition ratios when both ran the same
     * number of back-to-back repetitions, else the ratio of the medians.
     */
    static String pairedRatio(Results r, Metric m, String other, double keras, double otherMedian) {
        List<Double> k = r.reps(KERAS4J, m);
        List<Double> t = r.reps(other, m);
        if (k.isEmpty() || k.size() != t.size() || k.contains(0.0) || t.contains(0.0)) {
            return ratio(m, keras, otherMedian);
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
