package org.keras4j.examples.basics;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.optimizers.SGD;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Back-propagation by hand on the course's two-neuron network: one input {@code x} feeds neuron 1
 * ({@code a1 = σ(w1 x + b1)}), which feeds neuron 2 ({@code a2 = σ(w2 a1 + b2)}), with the squared error
 * {@code E = ½ (T - a2)²}. Starting from the course's values ({@code x = 0.1}, {@code T = 0.25},
 * {@code w1 = 0.15}, {@code b1 = 0.4}, {@code w2 = 0.45}, {@code b2 = 0.65}, learning rate 0.4) the
 * chain rule gives the four derivatives; one gradient-descent step with them is compared with the
 * same step from SameDiff's gradients and with one keras4j SGD step on the same network, weights set
 * by hand. Keras's {@code mse} of one output is {@code (T - a2)²}, twice the course's {@code E}, so
 * the keras4j step uses half the learning rate (0.2) for the same update.
 *
 * <pre>{@code
 * ./keras4j run backprop-by-hand
 * }</pre>
 */
public final class BackpropByHandExercise implements Exercise {
    /** The course's input, target, initial weights and learning rate. */
    public static final double X = 0.1;
    public static final double TARGET = 0.25;
    public static final double W1 = 0.15;
    public static final double B1 = 0.4;
    public static final double W2 = 0.45;
    public static final double B2 = 0.65;
    public static final double LEARNING_RATE = 0.4;
    /** Where float32 weights (keras4j's) may differ from the double-precision step. */
    public static final double FLOAT_TOLERANCE = 1e-6;

    private static final List<String> NAMES = List.of("w1", "b1", "w2", "b2");

    @Override
    public String name() {
        return "backprop-by-hand";
    }

    @Override
    public String title() {
        return "Back-propagation by hand on the two-neuron network vs SameDiff vs one keras4j SGD step";
    }

    /** The gradient {@code [dE/dw1, dE/db1, dE/dw2, dE/db2]} at the initial weights, by the chain rule. */
    public static double[] handGradient() {
        // forward pass
        double z1 = W1 * X + B1;
        double a1 = sigmoid(z1);
        double z2 = W2 * a1 + B2;
        double a2 = sigmoid(z2);
        // backward pass: E = ½ (T - a2)²
        double dEda2 = -(TARGET - a2);           // dE/da2
        double da2dz2 = a2 * (1 - a2);           // σ'(z2) = σ(z2) (1 - σ(z2))
        double delta2 = dEda2 * da2dz2;          // dE/dz2
        double dEdw2 = delta2 * a1;              // dz2/dw2 = a1
        double dEdb2 = delta2;                   // dz2/db2 = 1
        double dEda1 = delta2 * W2;              // dz2/da1 = w2
        double da1dz1 = a1 * (1 - a1);           // σ'(z1)
        double delta1 = dEda1 * da1dz1;          // dE/dz1
        double dEdw1 = delta1 * X;               // dz1/dw1 = x
        double dEdb1 = delta1;                   // dz1/db1 = 1
        return new double[] {dEdw1, dEdb1, dEdw2, dEdb2};
    }

    /** The same gradient from SameDiff's reverse-mode automatic differentiation, in double precision. */
    public static double[] sameDiffGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.constant("x", Nd4j.scalar(X));
        SDVariable t = sd.constant("t", Nd4j.scalar(TARGET));
        SDVariable w1 = sd.var("w1", Nd4j.scalar(W1));
        SDVariable b1 = sd.var("b1", Nd4j.scalar(B1));
        SDVariable w2 = sd.var("w2", Nd4j.scalar(W2));
        SDVariable b2 = sd.var("b2", Nd4j.scalar(B2));
        SDVariable a1 = sd.nn.sigmoid(w1.mul(x).add(b1));
        SDVariable a2 = sd.nn.sigmoid(w2.mul(a1).add(b2));
        SDVariable error = t.sub(a2);
        SDVariable loss = error.mul(error).mul("E", 0.5);
        Map<String, INDArray> grads = AutodiffExercise.differentiate(sd, loss, NAMES.toArray(new String[0])).getGradients();
        return NAMES.stream().mapToDouble(n -> grads.get(n).getDouble(0)).toArray();
    }

    /** {@code [w1, b1, w2, b2]} after one gradient-descent step with {@code gradient}. */
    public static double[] step(double[] gradient) {
        double[] initial = {W1, B1, W2, B2};
        double[] updated = new double[4];
        for (int i = 0; i < 4; i++) {
            updated[i] = initial[i] - LEARNING_RATE * gradient[i];
        }
        return updated;
    }

    /**
     * {@code [w1, b1, w2, b2]} after one keras4j SGD step on one sample: Dense(1, sigmoid), Dense(1, sigmoid),
     * {@code mse}, SGD with half the course's rate (mse = 2E); float32 weights.
     */
    public static double[] kerasStep() {
        Sequential model = network();
        model.fit(Nd4j.createFromArray(new float[][] {{(float) X}}), Nd4j.createFromArray(new float[][] {{(float) TARGET}}),
                FitOptions.defaults().epochs(1).batchSize(1).shuffle(false).verbose(0));
        // Keras's get_weights(): kernel [1, 1] and bias [1] of each Dense, so [w1, b1, w2, b2]
        return model.getWeights().stream().mapToDouble(w -> w.getDouble(0)).toArray();
    }

    /** The two-neuron network with the course's initial weights, compiled for one SGD step. */
    static Sequential network() {
        Sequential model = new Sequential(new Input(1), new Dense(1, "sigmoid"), new Dense(1, "sigmoid"));
        model.compile(new SGD(LEARNING_RATE / 2), "mse");
        model.setWeights(List.of(Nd4j.createFromArray(new float[][] {{(float) W1}}), Nd4j.createFromArray((float) B1),
                Nd4j.createFromArray(new float[][] {{(float) W2}}), Nd4j.createFromArray((float) B2)));
        return model;
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        double z1 = W1 * X + B1;
        double a1 = sigmoid(z1);
        double z2 = W2 * a1 + B2;
        double a2 = sigmoid(z2);
        out.printf(Locale.ROOT, "x = %s, T = %s, w1 = %s, b1 = %s, w2 = %s, b2 = %s, learning rate %s%n",
                X, TARGET, W1, B1, W2, B2, LEARNING_RATE);
        out.printf(Locale.ROOT, "forward:  z1 = w1 x + b1 = %.4f, a1 = σ(z1) = %.4f, z2 = w2 a1 + b2 = %.4f,"
                + " a2 = σ(z2) = %.4f, E = ½ (T - a2)² = %.4f%n", z1, a1, z2, a2, 0.5 * (TARGET - a2) * (TARGET - a2));
        out.println("backward: dE/dw2 = (a2 - T) a2 (1 - a2) a1,       dE/db2 = (a2 - T) a2 (1 - a2)");
        out.println("          dE/dw1 = (a2 - T) a2 (1 - a2) w2 a1 (1 - a1) x, dE/db1 = (a2 - T) a2 (1 - a2) w2 a1 (1 - a1)");

        double[] hand = handGradient();
        double[] sameDiff = sameDiffGradient();
        double[] byHand = step(hand);
        double[] bySameDiff = step(sameDiff);
        Sequential model = network();
        double prediction = model.predict(Nd4j.createFromArray(new float[][] {{(float) X}})).getDouble(0);
        double[] byKeras = kerasStep();

        out.println();
        out.println("           gradient by hand   gradient SameDiff   updated by hand   updated SameDiff   keras4j SGD step");
        double maxGradient = 0;
        double maxKeras = 0;
        for (int i = 0; i < 4; i++) {
            out.printf(Locale.ROOT, "  %-6s %18.10f %19.10f %17.10f %18.10f %18.10f%n", NAMES.get(i), hand[i], sameDiff[i],
                    byHand[i], bySameDiff[i], byKeras[i]);
            maxGradient = Math.max(maxGradient, Math.abs(hand[i] - sameDiff[i]));
            maxKeras = Math.max(maxKeras, Math.abs(byKeras[i] - byHand[i]));
        }

        Checks checks = new Checks(out);
        checks.close("keras4j's forward pass a2 equals the hand value", prediction, a2, FLOAT_TOLERANCE);
        checks.close("max |SameDiff gradient - hand gradient| (double precision)", maxGradient, 0, 1e-12);
        checks.close("max |keras4j SGD step - hand step| (float32 weights)", maxKeras, 0, FLOAT_TOLERANCE);
        checks.that("every weight moved against its gradient", String.format(Locale.ROOT,
                "w1 %.4f -> %.4f, b1 %.4f -> %.4f, w2 %.4f -> %.4f, b2 %.4f -> %.4f",
                W1, byHand[0], B1, byHand[1], W2, byHand[2], B2, byHand[3]), movedDownhill(hand, byHand));
        String updated = String.format(Locale.ROOT, "updated w1 = %.4f, b1 = %.4f, w2 = %.4f, b2 = %.4f",
                byHand[0], byHand[1], byHand[2], byHand[3]);
        out.println(updated);
        return ExerciseResult.of("max |keras4j - hand|", maxKeras, String.format(Locale.ROOT, "%.1e", maxKeras))
                .withPassed(checks.failures().isEmpty())
                .withDetails(checks.failures().isEmpty() ? updated : checks.result("checks").details());
    }

    private static boolean movedDownhill(double[] gradient, double[] updated) {
        double[] initial = {W1, B1, W2, B2};
        for (int i = 0; i < 4; i++) {
            if (Math.signum(updated[i] - initial[i]) != -Math.signum(gradient[i])) {
                return false;
            }
        }
        return true;
    }

    private static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }
}
