package org.keras4j.training;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Model;
import org.keras4j.callbacks.History;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The course's "train several models, keep the one whose validation cost is lowest": builds one
 * compiled model per configuration (a learning rate, a width, …), trains each on the same
 * training split with the same fit options, evaluates each on the same validation split, and
 * ranks them by validation loss. With {@link #withSeed}, {@code Keras.setRandomSeed(seed)} runs
 * before each candidate is built, so differences come from the configuration, not the draw.
 *
 * <pre>{@code
 * ModelSelection.Result<Double> r = ModelSelection.of(List.of(0.1, 0.01, 0.001), lr -> {
 *             Sequential m = new Sequential(new Input(8), new Dense(16, "relu"), new Dense(1));
 *             m.compile(new SGD(lr), "mse");
 *             return m;
 *         })
 *         .withLabels(lr -> "lr=" + lr)
 *         .withSeed(42)
 *         .fit(xTrain, yTrain, xVal, yVal, FitOptions.defaults().epochs(50).verbose(0));
 * System.out.println(r.table());
 * Model best = r.best().model();
 * }</pre>
 *
 * @param <C> the configuration type
 */
public final class ModelSelection<C> {
    private final List<C> configurations;
    private final Function<? super C, ? extends Model> build;
    private Function<? super C, String> label = String::valueOf;
    private Long seed;

    private ModelSelection(List<C> configurations, Function<? super C, ? extends Model> build) {
        this.configurations = configurations;
        this.build = build;
    }

    /**
     * @param configurations the candidates, in the order of the results table
     * @param build          returns a new compiled model for a configuration
     * @throws IllegalArgumentException if there is no configuration or {@code build} is null
     */
    public static <C> ModelSelection<C> of(List<C> configurations, Function<? super C, ? extends Model> build) {
        if (configurations == null || configurations.isEmpty()) {
            throw new IllegalArgumentException("configurations must hold at least one candidate");
        }
        if (build == null) {
            throw new IllegalArgumentException("build must not be null");
        }
        return new ModelSelection<>(List.copyOf(configurations), build);
    }

    /** Names each configuration in the table and in plots; default {@code String.valueOf}. */
    public ModelSelection<C> withLabels(Function<? super C, String> label) {
        if (label == null) {
            throw new IllegalArgumentException("label must not be null");
        }
        this.label = label;
        return this;
    }

    /** Calls {@code Keras.setRandomSeed(seed)} before building each candidate. */
    public ModelSelection<C> withSeed(long seed) {
        this.seed = seed;
        return this;
    }

    /**
     * Trains every candidate on {@code (x, y)} with {@code options} (validation data is set to
     * {@code (xVal, yVal)} for each), then evaluates it on the validation split.
     *
     * @param options epochs, batch size, callbacks… shared by all candidates; must not set validation data
     * @throws IllegalArgumentException if {@code options} sets validation data or a split, or a build returns an
     *     uncompiled model
     */
    public Result<C> fit(INDArray x, INDArray y, INDArray xVal, INDArray yVal, FitOptions options) {
        if (options == null) {
            throw new IllegalArgumentException("options must not be null");
        }
        if (xVal == null || yVal == null) {
            throw new IllegalArgumentException("model selection needs a validation split: xVal and yVal must not be null");
        }
        if (options.validationX() != null || options.validationIterator() != null || options.validationSplit() > 0) {
            throw new IllegalArgumentException("options must not set validationData or validationSplit: every candidate"
                    + " is validated on xVal, yVal");
        }
        List<Trial<C>> trials = new ArrayList<>();
        for (C config : configurations) {
            if (seed != null) {
                Keras.setRandomSeed(seed);
            }
            Model model = build.apply(config);
            if (model == null || !model.isCompiled()) {
                throw new IllegalArgumentException("build must return a compiled model; for " + label.apply(config)
                        + " it returned " + (model == null ? "null" : "an uncompiled model '" + model.name() + "'"));
            }
            long start = System.nanoTime();
            History history = model.fit(x, y, copyOf(options).validationData(xVal, yVal));
            double seconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> validation = model.evaluate(xVal, yVal);
            trials.add(new Trial<>(config, label.apply(config), model, history, validation, seconds));
        }
        return new Result<>(trials);
    }

    private static FitOptions copyOf(FitOptions o) {
        FitOptions c = FitOptions.defaults().epochs(o.epochs()).batchSize(o.batchSize()).verbose(o.verbose()).shuffle(o.shuffle())
                .initialEpoch(o.initialEpoch()).callbacks(o.callbacks());
        if (o.classWeight() != null) {
            c.classWeight(o.classWeight());
        }
        if (o.sampleWeight() != null) {
            c.sampleWeight(o.sampleWeight());
        }
        return c;
    }

    /**
     * One trained candidate.
     *
     * <pre>{@code
     * double cost = trial.validationLoss();
     * }</pre>
     *
     * @param validation the trained model's loss and metrics on the validation split
     * @param seconds    training time
     */
    public record Trial<C>(C configuration, String label, Model model, History history,
            Map<String, Double> validation, double seconds) {
        /** The trained model's loss on the validation split: what the selection ranks by. */
        public double validationLoss() {
            return validation.get("loss");
        }

        /** The epoch (0-based) with the lowest {@code val_loss} during training. */
        public int bestEpoch() {
            List<Double> v = history.get("val_loss");
            int best = 0;
            for (int i = 1; i < v.size(); i++) {
                if (v.get(i) < v.get(best)) {
                    best = i;
                }
            }
            return history.epochs().get(best);
        }
    }

    /**
     * The trials in configuration order, the best one, and a results table.
     *
     * <pre>{@code
     * System.out.println(result.table());
     * }</pre>
     */
    public static final class Result<C> {
        private final List<Trial<C>> trials;
        private final Trial<C> best;

        Result(List<Trial<C>> trials) {
            this.trials = Collections.unmodifiableList(trials);
            // NaN (diverged) ranks last
            this.best = trials.stream().min(Comparator.comparingDouble(t -> Double.isNaN(t.validationLoss())
                    ? Double.POSITIVE_INFINITY : t.validationLoss())).orElseThrow();
        }

        public List<Trial<C>> trials() {
            return trials;
        }

        /** The trial with the lowest validation loss. */
        public Trial<C> best() {
            return best;
        }

        /** Each trial's History by label, for {@link TrainingCurves#compare}. */
        public Map<String, History> histories() {
            Map<String, History> h = new LinkedHashMap<>();
            trials.forEach(t -> h.put(t.label(), t.history()));
            return h;
        }

        /**
         * A fixed-width text table: configuration, validation loss and metrics, final training loss,
         * epoch of the lowest val_loss, time; the selected row is marked {@code *}.
         */
        public String table() {
            List<String> metricKeys = new ArrayList<>(trials.get(0).validation().keySet());
            metricKeys.remove("loss");
            List<String> header = new ArrayList<>(List.of("", "configuration", "val_loss"));
            metricKeys.forEach(k -> header.add("val_" + k));
            header.addAll(List.of("train_loss", "best_epoch", "seconds"));
            List<List<String>> rows = new ArrayList<>();
            rows.add(header);
            for (Trial<C> t : trials) {
                List<String> row = new ArrayList<>();
                row.add(t == best ? "*" : "");
                row.add(t.label());
                row.add(number(t.validationLoss()));
                for (String k : metricKeys) {
                    Double v = t.validation().get(k);
                    row.add(v == null ? "-" : number(v));
                }
                row.add(number(t.history().last("loss")));
                row.add(Integer.toString(t.bestEpoch() + 1));
                row.add(String.format(Locale.ROOT, "%.1f", t.seconds()));
                rows.add(row);
            }
            int[] widths = new int[header.size()];
            for (List<String> r : rows) {
                for (int i = 0; i < r.size(); i++) {
                    widths[i] = Math.max(widths[i], r.get(i).length());
                }
            }
            StringBuilder sb = new StringBuilder();
            for (List<String> r : rows) {
                for (int i = 0; i < r.size(); i++) {
                    String cell = r.get(i);
                    // text left, numbers right
                    sb.append(i <= 1 ? String.format("%-" + widths[i] + "s", cell) : String.format("%" + widths[i] + "s", cell));
                    sb.append(i == r.size() - 1 ? "" : "  ");
                }
                sb.append('\n');
            }
            return sb.toString();
        }

        private static String number(double v) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
    }
}
