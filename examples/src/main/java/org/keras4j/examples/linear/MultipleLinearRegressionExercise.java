package org.keras4j.examples.linear;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.keras4j.FitOptions;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Multiple linear regression with two outputs, the course's {@code nn.Linear(in_features=3, out_features=2)}:
 * 200 samples of {@code y = x W + b + noise} with three standard-normal features, a known {@code W [3, 2]}
 * and {@code b [2]}, and Gaussian noise of standard deviation 0.1, fitted by one {@code Dense(2)} without
 * activation, {@code mse} and SGD; the learned kernel and bias recover {@code W} and {@code b}.
 *
 * <pre>{@code
 * ./keras4j run multiple-linear-regression
 * }</pre>
 */
public final class MultipleLinearRegressionExercise implements Exercise {
    /** Samples, features and outputs of the generated data. */
    public static final int SAMPLES = 200;
    public static final int FEATURES = 3;
    public static final int OUTPUTS = 2;
    /** Standard deviation of the noise added to the targets. */
    public static final double NOISE = 0.1;
    /** How far the learned kernel and bias may be from the true ones. */
    public static final double TOLERANCE = 0.05;

    private static final double[][] TRUE_KERNEL = {{2.0, -1.0}, {0.5, 3.0}, {-1.5, 1.0}};
    private static final double[] TRUE_BIAS = {1.0, -2.0};

    /** The generated samples: {@code x [200, 3]}, {@code y [200, 2]}, float32. */
    public record Data(INDArray x, INDArray y) {
    }

    /**
     * A learned linear map {@code y = x kernel + bias}.
     *
     * @param kernel {@code [features][outputs]}, Keras's kernel shape
     * @param bias   {@code [outputs]}
     */
    public record Fit(double[][] kernel, double[] bias) {
        /** The largest absolute difference from {@code kernel} and {@code bias}. */
        public double maxDifference(double[][] otherKernel, double[] otherBias) {
            double max = 0;
            for (int i = 0; i < kernel.length; i++) {
                for (int j = 0; j < kernel[i].length; j++) {
                    max = Math.max(max, Math.abs(kernel[i][j] - otherKernel[i][j]));
                }
            }
            for (int j = 0; j < bias.length; j++) {
                max = Math.max(max, Math.abs(bias[j] - otherBias[j]));
            }
            return max;
        }
    }

    @Override
    public String name() {
        return "multiple-linear-regression";
    }

    @Override
    public String title() {
        return "Multiple linear regression, 3 features and 2 outputs: recover W and b of y = xW + b by SGD";
    }

    /** The true kernel {@code W [3, 2]} (a copy). */
    public static double[][] trueKernel() {
        return Arrays.stream(TRUE_KERNEL).map(double[]::clone).toArray(double[][]::new);
    }

    /** The true bias {@code b [2]} (a copy). */
    public static double[] trueBias() {
        return TRUE_BIAS.clone();
    }

    /** {@code y = x W + b + noise}, from a fixed seed. */
    public static Data data() {
        Random r = new Random(7);
        float[][] x = new float[SAMPLES][FEATURES];
        float[][] y = new float[SAMPLES][OUTPUTS];
        for (int n = 0; n < SAMPLES; n++) {
            for (int i = 0; i < FEATURES; i++) {
                x[n][i] = (float) r.nextGaussian();
            }
            for (int j = 0; j < OUTPUTS; j++) {
                double v = TRUE_BIAS[j] + NOISE * r.nextGaussian();
                for (int i = 0; i < FEATURES; i++) {
                    v += x[n][i] * TRUE_KERNEL[i][j];
                }
                y[n][j] = (float) v;
            }
        }
        return new Data(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
    }

    /** The model: one Dense(2) without activation, as the course's linear layer. */
    public static Sequential model() {
        Sequential model = new Sequential(new Input(FEATURES), new Dense(OUTPUTS));
        model.compile(new SGD(0.05), "mse");
        return model;
    }

    /** Fits {@link #model()} to {@code data} from a fixed seed: 40 epochs, batch 20. */
    public static Sequential train(Data data) {
        Keras.setRandomSeed(0);
        Sequential model = model();
        model.fit(data.x(), data.y(), FitOptions.defaults().epochs(40).batchSize(20).verbose(0));
        return model;
    }

    /** The kernel {@code [features, outputs]} and bias of a trained {@link #model()}, as its Dense layer's {@code getWeights()}. */
    public static Fit weights(Sequential model) {
        List<INDArray> w = model.getLayer(0).getWeights();
        return new Fit(w.get(0).toDoubleMatrix(), w.get(1).toDoubleVector());
    }

    /** The map a model computes, read from its predictions: {@code b = f(0)}, row i of W {@code = f(e_i) - b}. */
    static Fit predictedMap(Sequential model) {
        INDArray probes = Nd4j.vstack(Nd4j.zeros(1, FEATURES), Nd4j.eye(FEATURES)).castTo(DataType.FLOAT);
        double[][] out = model.predict(probes).toDoubleMatrix();
        double[][] kernel = new double[FEATURES][OUTPUTS];
        for (int i = 0; i < FEATURES; i++) {
            for (int j = 0; j < OUTPUTS; j++) {
                kernel[i][j] = out[i + 1][j] - out[0][j];
            }
        }
        return new Fit(kernel, out[0]);
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        Data data = data();
        out.printf(Locale.ROOT, "%d samples of y = x W + b + noise (std %.1f), x with %d features, y with %d outputs%n",
                SAMPLES, NOISE, FEATURES, OUTPUTS);
        Sequential model = train(data);
        Fit learned = weights(model);
        out.println("           true W            learned kernel");
        for (int i = 0; i < FEATURES; i++) {
            out.printf(Locale.ROOT, "  row %d  [%6.3f, %6.3f]    [%6.3f, %6.3f]%n", i, TRUE_KERNEL[i][0], TRUE_KERNEL[i][1],
                    learned.kernel()[i][0], learned.kernel()[i][1]);
        }
        out.printf(Locale.ROOT, "  b      [%6.3f, %6.3f]    [%6.3f, %6.3f]%n", TRUE_BIAS[0], TRUE_BIAS[1],
                learned.bias()[0], learned.bias()[1]);

        double error = learned.maxDifference(TRUE_KERNEL, TRUE_BIAS);
        Fit predicted = predictedMap(model);
        Checks checks = new Checks(out);
        checks.close("kernel and bias read from getWeights() compute what predict() computes (max difference)",
                learned.maxDifference(predicted.kernel(), predicted.bias()), 0, 1e-5);
        checks.close("max |learned - true| over W and b", error, 0, TOLERANCE);
        return ExerciseResult.of("max |learned - true|", error, String.format(Locale.ROOT, "%.4f", error))
                .withPassed(checks.failures().isEmpty())
                .withDetails(checks.failures().isEmpty() ? "" : checks.result("checks").details());
    }
}
