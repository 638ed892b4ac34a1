package org.keras4j.examples.training;

import java.awt.BasicStroke;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.callbacks.Callback;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.Mnist;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.optimizers.SGD;
import org.keras4j.saving.AtomicFiles;
import org.keras4j.training.TrainingCurves;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Activation functions and the vanishing gradient. First the course's four activations and their
 * derivatives, drawn to {@code activation-functions.png}: sigmoid ({@code σ' = σ (1 - σ) <= 1/4}), tanh
 * ({@code 1 - tanh² <= 1}), ReLU ({@code 1} for {@code x > 0}, else 0) and the binary step (derivative 0
 * everywhere but at 0, where it does not exist). Then the same deep MLP on MNIST (Flatten, five Dense 32, Dense 10
 * softmax; SGD 0.1, batch 32; the first {@value #TRAIN_IMAGES} training images, {@value #EPOCHS} epochs) with
 * each hidden activation. The mean absolute gradient of each hidden layer's kernel over the first
 * {@value #PROBE_STEPS} steps is read from the weights: a plain SGD step moves each weight by
 * {@code -learningRate * gradient}. Back-propagation multiplies the error by {@code σ'} once per layer,
 * so sigmoid's first layer learns orders of magnitude more slowly than its last; ReLU passes the gradient
 * through unchanged where a unit is active. The binary step passes none at all.
 *
 * <pre>{@code
 * ./keras4j run activation-functions --data ../shared/data
 * }</pre>
 */
public final class ActivationFunctionsExercise implements Exercise {
    /** The hidden activations compared on MNIST, in order. */
    public static final List<String> ACTIVATIONS = List.of("sigmoid", "tanh", "relu", "binary_step");
    public static final int HIDDEN_LAYERS = 5;
    public static final int UNITS = 32;
    public static final int TRAIN_IMAGES = 10_000;
    public static final int EPOCHS = 2;
    public static final int BATCH_SIZE = 32;
    public static final double LEARNING_RATE = 0.1;
    /** Steps over which the per-layer gradients are averaged, from the first. */
    public static final int PROBE_STEPS = 10;

    /**
     * One activation's run.
     *
     * @param layerGradients mean |dL/dW| of each hidden layer's kernel over the first steps, first layer first
     * @param testAccuracy   on the 10,000 test images after {@value #EPOCHS} epochs
     */
    public record Run(String activation, List<Double> layerGradients, double testAccuracy) {
        public Run {
            layerGradients = List.copyOf(layerGradients);
        }

        /** Mean |dL/dW| of the first hidden layer's kernel. */
        public double firstLayerGradient() {
            return layerGradients.get(0);
        }

        /** Mean |dL/dW| of the last hidden layer's kernel. */
        public double lastLayerGradient() {
            return layerGradients.get(layerGradients.size() - 1);
        }

        /** First over last hidden layer's gradient: far below 1 when the gradient vanishes. */
        public double ratio() {
            return firstLayerGradient() / lastLayerGradient();
        }
    }

    @Override
    public String name() {
        return "activation-functions";
    }

    @Override
    public String title() {
        return "Activation functions and the vanishing gradient: sigmoid vs tanh vs relu vs binary step (MNIST, full data)";
    }

    /** The deep MLP with {@code activation} in every hidden layer. */
    public static Sequential model(String activation) {
        Sequential model = new Sequential(new Input(28, 28, 1), new Flatten());
        for (int i = 0; i < HIDDEN_LAYERS; i++) {
            model.add(new Dense(UNITS, activation));
        }
        model.add(new Dense(10, "softmax"));
        model.compile(new SGD(LEARNING_RATE), "sparse_categorical_crossentropy", "accuracy");
        return model;
    }

    /** Trains {@link #model} from a fixed seed on the first {@value #TRAIN_IMAGES} training images. */
    public static Run train(String activation, TrainTest<ImageData> mnist) {
        Keras.setRandomSeed(0);
        Sequential model = model(activation);
        INDArray x = mnist.train().x().get(NDArrayIndex.interval(0, TRAIN_IMAGES), NDArrayIndex.all(),
                NDArrayIndex.all(), NDArrayIndex.all()).dup();
        INDArray y = mnist.train().y().get(NDArrayIndex.interval(0, TRAIN_IMAGES), NDArrayIndex.all()).dup();
        GradientProbe probe = new GradientProbe(model);
        model.fit(x, y, FitOptions.defaults().epochs(EPOCHS).batchSize(BATCH_SIZE).verbose(0).callbacks(probe));
        double accuracy = model.evaluate(mnist.test().x(), mnist.test().y(), 1000).get("accuracy");
        return new Run(activation, probe.meanAbsoluteGradients(), accuracy);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        Path png = plot(OutputFiles.path("activation-functions.png"));
        out.println("activations and their derivatives: " + png.toAbsolutePath());
        Checks checks = new Checks(out);
        for (String activation : ACTIVATIONS) {
            checks.close(activation + ": the derivative drawn is the slope of keras4j's " + activation
                    + " (max |f' - central difference|)", maxDerivativeError(activation), 0, 1e-3);
        }
        out.println("binary step: f(x) = x > 0 ? 1 : 0, f'(x) = 0 for every x != 0 (undefined at 0). Gradient descent moves a"
                + " weight by -learningRate * dL/dw, and every dL/dw behind a step unit contains the factor f'(z) = 0:"
                + " the weights before it never move, so a network of step units cannot be trained by back-propagation"
                + " (the perceptron rule trains one layer of them without derivatives).");

        TrainTest<ImageData> mnist = ctx.dataDir().map(Mnist::load).orElseGet(Mnist::load);
        out.printf(Locale.ROOT, "%nMNIST, first %,d training images; Flatten, %d x Dense %d, Dense 10 softmax; SGD %s,"
                + " batch %d, %d epochs%n", TRAIN_IMAGES, HIDDEN_LAYERS, UNITS, LEARNING_RATE, BATCH_SIZE, EPOCHS);
        out.println("mean |dL/dW| of the hidden kernels over the first " + PROBE_STEPS + " steps (read from the weights:"
                + " an SGD step moves each by -" + LEARNING_RATE + " * dL/dW; layer 1's inputs are pixels, most of them 0,"
                + " whose weights get no gradient), and test accuracy:");
        out.println("  activation    hidden layer 1 ... " + HIDDEN_LAYERS + "                               first/last"
                + "   test accuracy");
        Map<String, Run> runs = new LinkedHashMap<>();
        for (String activation : ACTIVATIONS) {
            Run r = train(activation, mnist);
            runs.put(activation, r);
            StringBuilder layers = new StringBuilder();
            r.layerGradients().forEach(g -> layers.append(String.format(Locale.ROOT, "%8.1e", g)));
            out.printf(Locale.ROOT, "  %-12s %s %12s %15.4f%n", activation, layers,
                    Double.isNaN(r.ratio()) ? "-" : String.format(Locale.ROOT, "%.1e", r.ratio()), r.testAccuracy());
        }
        Run sigmoid = runs.get("sigmoid");
        Run tanh = runs.get("tanh");
        Run relu = runs.get("relu");
        Run step = runs.get("binary_step");

        checks.that("sigmoid's gradient vanishes: first hidden layer's < 1/100 of the last's", ratio(sigmoid),
                sigmoid.ratio() < 1e-2);
        checks.that("relu's does not: first hidden layer's > 1/10 of the last's", ratio(relu), relu.ratio() > 0.1);
        checks.that("tanh's vanishes far less than sigmoid's (ratio 10x sigmoid's or more)", ratio(tanh),
                tanh.ratio() > 10 * sigmoid.ratio());
        checks.that("binary step: no gradient reaches any hidden layer", String.format(Locale.ROOT, "%.1e, %.1e",
                step.firstLayerGradient(), step.lastLayerGradient()),
                step.firstLayerGradient() == 0 && step.lastLayerGradient() == 0);
        checks.that("relu beats sigmoid in the same budget (by 0.1 or more)", accuracies(relu, sigmoid),
                relu.testAccuracy() >= sigmoid.testAccuracy() + 0.1);
        checks.that("tanh beats sigmoid in the same budget (by 0.1 or more)", accuracies(tanh, sigmoid),
                tanh.testAccuracy() >= sigmoid.testAccuracy() + 0.1);
        return Summaries.add(checks.result("checks passed"), String.format(Locale.ROOT,
                "first/last hidden gradient: sigmoid %.1e, tanh %.1e, relu %.1e; accuracy sigmoid %.3f, tanh %.3f,"
                        + " relu %.3f, binary step %.3f", sigmoid.ratio(), tanh.ratio(), relu.ratio(),
                sigmoid.testAccuracy(), tanh.testAccuracy(), relu.testAccuracy(), step.testAccuracy()));
    }

    private static String ratio(Run r) {
        return String.format(Locale.ROOT, "%.2e / %.2e = %.1e", r.firstLayerGradient(), r.lastLayerGradient(), r.ratio());
    }

    private static String accuracies(Run a, Run b) {
        return String.format(Locale.ROOT, "%.3f vs %.3f", a.testAccuracy(), b.testAccuracy());
    }

    // ---- the plot ----

    /**
     * Draws sigmoid, tanh, relu and the binary step (values computed by keras4j's own activations) with their
     * derivatives, one panel each, to {@code png}.
     *
     * @return {@code png}
     */
    public static Path plot(Path png) {
        int n = 401;
        float[][] grid = new float[n][1];
        List<Double> xs = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            double x = -5 + 10.0 * i / (n - 1);
            grid[i][0] = (float) x;
            xs.add(x);
        }
        INDArray x = Nd4j.createFromArray(grid);
        List<XYChart> charts = new ArrayList<>();
        for (String activation : ACTIVATIONS) {
            double[] f = values(activation, x);
            List<Double> fx = new ArrayList<>(n);
            List<Double> dfx = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                fx.add(f[i]);
                dfx.add(derivative(activation).applyAsDouble(xs.get(i)));
            }
            XYChart chart = new XYChartBuilder().width(TrainingCurves.PANEL_WIDTH).height(TrainingCurves.PANEL_HEIGHT)
                    .title(activation).xAxisTitle("x").yAxisTitle("").build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setPlotBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setAntiAlias(true);
            chart.getStyler().setXAxisDecimalPattern("#.#");
            chart.getStyler().setYAxisDecimalPattern("#.##");
            addSeries(chart, "f(x)", xs, fx, 0);
            addSeries(chart, "f'(x)", xs, dfx, 1);
            charts.add(chart);
        }
        AtomicFiles.write(png, o -> BitmapEncoder.saveBitmap(charts, 2, 2, o, BitmapEncoder.BitmapFormat.PNG));
        return png;
    }

    /**
     * The largest difference between {@link #derivative} and the central difference {@code (f(x+h) - f(x-h)) / 2h}
     * of keras4j's own activation, h = 0.01, at x in [-5, 5] away from the kink at 0.
     */
    public static double maxDerivativeError(String activation) {
        double h = 0.01;
        int n = 201;
        float[][] points = new float[3 * n][1];
        for (int i = 0; i < n; i++) {
            double x = -5 + 10.0 * i / (n - 1);
            points[3 * i][0] = (float) (x - h);
            points[3 * i + 1][0] = (float) x;
            points[3 * i + 2][0] = (float) (x + h);
        }
        double[] f = values(activation, Nd4j.createFromArray(points));
        double max = 0;
        for (int i = 0; i < n; i++) {
            double x = points[3 * i + 1][0];
            if (Math.abs(x) > 2 * h) {
                double slope = (f[3 * i + 2] - f[3 * i]) / (points[3 * i + 2][0] - points[3 * i][0]);
                max = Math.max(max, Math.abs(derivative(activation).applyAsDouble(x) - slope));
            }
        }
        return max;
    }

    /** f(x) for every row of {@code x [n, 1]}, by keras4j's activation: one unit computing f(1 x). */
    static double[] values(String activation, INDArray x) {
        Sequential f = new Sequential(new Input(1), new Dense(1, activation).withKernelInitializer("ones").withUseBias(false));
        f.compile("sgd", "mse");
        return f.predict(x).toDoubleVector();
    }

    /** The derivative, by hand; at the kink of relu and the step, the value 0 that DL4J and Keras use. */
    static DoubleUnaryOperator derivative(String activation) {
        return switch (activation) {
            case "sigmoid" -> x -> {
                double s = 1 / (1 + Math.exp(-x));
                return s * (1 - s);
            };
            case "tanh" -> x -> 1 - Math.tanh(x) * Math.tanh(x);
            case "relu" -> x -> x > 0 ? 1 : 0;
            case "binary_step" -> x -> 0;
            default -> throw new IllegalArgumentException("no derivative for '" + activation + "'");
        };
    }

    private static void addSeries(XYChart chart, String name, List<Double> x, List<Double> y, int color) {
        XYSeries s = chart.addSeries(name, x, y);
        s.setLineColor(TrainingCurves.RUN_COLORS.get(color));
        s.setMarker(SeriesMarkers.NONE);
        s.setLineStyle(new BasicStroke(2f));
    }

    // ---- the gradient probe ----

    /**
     * Mean |dL/dW| of each hidden Dense kernel over the first {@value #PROBE_STEPS} steps: plain SGD moves
     * the weights by {@code -learningRate * gradient}, so the gradient is the kernel's change over the
     * learning rate. Each kernel is its layer's first array of {@code getWeights()}.
     */
    static final class GradientProbe implements Callback {
        private final List<Layer> hidden = new ArrayList<>();
        private final double[] sums;
        private int steps;
        private List<INDArray> before;

        GradientProbe(Sequential model) {
            List<Layer> layers = model.layers();
            for (int i = 0; i < layers.size() - 1; i++) {
                if (layers.get(i) instanceof Dense) {
                    hidden.add(layers.get(i));
                }
            }
            sums = new double[hidden.size()];
        }

        @Override
        public void onTrainBatchBegin(int batch, Map<String, Double> logs) {
            if (steps < PROBE_STEPS) {
                before = kernels();
            }
        }

        @Override
        public void onTrainBatchEnd(int batch, Map<String, Double> logs) {
            if (steps < PROBE_STEPS) {
                List<INDArray> after = kernels();
                for (int k = 0; k < hidden.size(); k++) {
                    INDArray change = before.get(k).sub(after.get(k));
                    sums[k] += change.norm1Number().doubleValue() / change.length() / LEARNING_RATE;
                }
            }
            steps++;
        }

        private List<INDArray> kernels() {
            List<INDArray> out = new ArrayList<>();
            for (Layer layer : hidden) {
                out.add(layer.getWeights().get(0));
            }
            return out;
        }

        /** Per hidden layer, in order. */
        List<Double> meanAbsoluteGradients() {
            List<Double> means = new ArrayList<>(sums.length);
            int probed = Math.min(steps, PROBE_STEPS);
            for (double sum : sums) {
                means.add(sum / probed);
            }
            return means;
        }
    }
}
