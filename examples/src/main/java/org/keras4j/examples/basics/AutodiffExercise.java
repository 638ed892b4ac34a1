package org.keras4j.examples.basics;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Automatic differentiation with SameDiff, the course's {@code y.backward()} lab: gradients of
 * {@code f = x²} at x=2, {@code z = x² + 2x + 1} at x=2 and {@code f(u, v) = uv + u²} at u=1, v=2, printed
 * beside the hand-derived values (4; 6; ∂f/∂u = 4, ∂f/∂v = 1). The result is the largest absolute difference.
 *
 * <pre>{@code
 * ./keras4j run autodiff
 * }</pre>
 */
public final class AutodiffExercise implements Exercise {

    @Override
    public String name() {
        return "autodiff";
    }

    @Override
    public String title() {
        return "Automatic differentiation with SameDiff: gradients vs hand-derived values";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        PrintWriter out = ctx.out();
        double maxError = 0;

        out.println("f = x^2 at x = 2");
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.scalar(2.0));
        OutAndGrad result = differentiate(sd, x.mul("f", x), "x");
        out.println("  f = " + trim(result.getOutputs().get("f").getDouble(0)));
        maxError = Math.max(maxError, compare(out, "df/dx = 2x", result.getGradients().get("x"), 2 * 2.0));

        out.println("z = x^2 + 2x + 1 at x = 2");
        sd = SameDiff.create();
        x = sd.var("x", Nd4j.scalar(2.0));
        result = differentiate(sd, x.mul(x).add(x.mul(2.0)).add("z", 1.0), "x");
        out.println("  z = " + trim(result.getOutputs().get("z").getDouble(0)));
        maxError = Math.max(maxError, compare(out, "dz/dx = 2x + 2", result.getGradients().get("x"), 2 * 2.0 + 2));

        out.println("f(u, v) = uv + u^2 at u = 1, v = 2");
        sd = SameDiff.create();
        SDVariable u = sd.var("u", Nd4j.scalar(1.0));
        SDVariable v = sd.var("v", Nd4j.scalar(2.0));
        result = differentiate(sd, u.mul(v).add("f", u.mul(u)), "u", "v");
        out.println("  f = " + trim(result.getOutputs().get("f").getDouble(0)));
        maxError = Math.max(maxError, compare(out, "df/du = v + 2u", result.getGradients().get("u"), 2.0 + 2 * 1.0));
        maxError = Math.max(maxError, compare(out, "df/dv = u", result.getGradients().get("v"), 1.0));

        return ExerciseResult.of("max |autodiff - hand|", maxError);
    }

    /** Evaluates {@code loss} and its gradients with respect to the variables {@code wrt}: y.backward(). */
    static OutAndGrad differentiate(SameDiff sd, SDVariable loss, String... wrt) {
        sd.setLossVariables(loss);
        // SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." to System.out for every op it differentiates
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(OutputStream.nullOutputStream()));
        try {
            return sd.calculateGradientsAndOutputs(null, List.of(loss.name()), List.of(wrt));
        } finally {
            System.setOut(stdout);
        }
    }

    /** Prints one gradient beside its hand-derived value and returns the absolute difference. */
    private static double compare(PrintWriter out, String derivative, INDArray autodiff, double hand) {
        double value = autodiff.getDouble(0);
        double error = Math.abs(value - hand);
        out.println(String.format(Locale.ROOT, "  %-16s SameDiff %-6s by hand %-6s |diff| %s",
                derivative, trim(value), trim(hand), trim(error)));
        return error;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
