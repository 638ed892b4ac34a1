package org.keras4j.examples.benchmark;

import java.util.List;
import java.util.Locale;

/**
 * The benchmark's second table: the workloads whose reference is scikit-learn rather than DL4J
 * or PyTorch (R1, the RBM), keras4j against scikit-learn with the time ratio, or for a score
 * (the pseudo-likelihood) the difference keras4j minus scikit-learn.
 *
 * <pre>{@code
 * String md = SklearnTable.render(results, List.of(Metric.values()));   // "" when nothing ran
 * }</pre>
 */
final class SklearnTable {
    static final String SKLEARN = "sklearn";
    /** The rows of this table, not of the main one. */
    static final List<Metric> METRICS = List.of(Metric.R1_TRAIN, Metric.R1_PL);

    private SklearnTable() {
    }

    /**
     * The markdown section of this table's rows when {@code metrics} names any of them, or "" when
     * it names none or none has a value.
     */
    static String render(Results r, List<Metric> metrics) {
        // R1's rows come together (--only r1 names R1_TRAIN)
        boolean r1 = metrics.stream().anyMatch(METRICS::contains);
        List<Metric> rows = METRICS.stream().filter(m -> r1)
                .filter(m -> !r.reps(ResultsTable.KERAS4J, m).isEmpty() || !r.reps(SKLEARN, m).isEmpty()).toList();
        if (rows.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## keras4j against scikit-learn\n\n");
        md.append("| workload | unit | scikit-learn | keras4j | keras4j / scikit-learn |\n|---|---|--:|--:|--:|\n");
        for (Metric m : rows) {
            double sk = r.median(SKLEARN, m);
            double keras = r.median(ResultsTable.KERAS4J, m);
            md.append("| ").append(m.label).append(" | ").append(m.unit).append(" | ").append(ResultsTable.value(m, sk))
                    .append(" | ").append(ResultsTable.value(m, keras)).append(" | ").append(compare(m, keras, sk))
                    .append(" |\n");
        }
        md.append("\n- **R1**: `benchmark/sklearn_bench.py` trains scikit-learn's `BernoulliRBM(n_components=256, ")
                .append("learning_rate=0.05, batch_size=64)` (persistent CD-1) and keras4j trains ")
                .append("`RBM.builder(784, 256).persistent(true)` compiled with `new SGD(0.05)`, `fit` batch 64 unshuffled, ")
                .append("on the same binarized images (the same IDX file, byte > 127), each from its own random start. ")
                .append("Time: the median of the epochs of one training run (scikit-learn's: its `fit` loop timed epoch ")
                .append("by epoch). Pseudo-likelihood: after the last epoch, every pixel flipped in turn ")
                .append("(`RBM.exactPseudoLikelihood`, the expectation of scikit-learn's one-pixel `score_samples`), ")
                .append("the same formula in both programs, averaged over the same test images; the last column is ")
                .append("the difference keras4j minus scikit-learn (above 0 keras4j's model is better).\n\n");
        return md.toString();
    }

    /** The time ratio for speeds, the difference for scores. */
    static String compare(Metric m, double keras, double sklearn) {
        if (Double.isNaN(keras) || Double.isNaN(sklearn)) {
            return "–";
        }
        return m.score ? String.format(Locale.ROOT, "%+.2f", keras - sklearn) : ResultsTable.ratio(m, keras, sklearn);
    }
}
