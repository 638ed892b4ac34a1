package org.keras4j.examples.mlp;

import java.util.List;
import java.util.Locale;
import org.keras4j.datasets.Concrete;
import org.keras4j.datasets.TabularData;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;

/**
 * One variant of the course's concrete-strength assignment, reported as mean ± std of the test
 * MSE over 5 seeded 70/30 splits: A) one hidden layer of 10, 50 epochs, raw inputs;
 * B) A on standardized inputs; C) B for 100 epochs; D) B with three hidden layers of 10;
 * best) two hidden layers of 64, 300 epochs, standardized.
 *
 * <pre>{@code
 * ./keras4j run concrete-d
 * }</pre>
 */
public final class ConcreteExercise implements Exercise {
    /** Repetitions of each variant (seeded splits). */
    public static final int REPETITIONS = 5;

    private final String variant;
    private final String description;
    private final ConcreteExperiment experiment;

    private ConcreteExercise(String variant, String description, ConcreteExperiment experiment) {
        this.variant = variant;
        this.description = description;
        this.experiment = experiment;
    }

    /** The five variants, A to D and the better network. */
    public static List<ConcreteExercise> variants() {
        return List.of(
                new ConcreteExercise("a", "1x10 ReLU, 50 epochs, raw inputs",
                        new ConcreteExperiment(List.of(10), 50, false)),
                new ConcreteExercise("b", "1x10 ReLU, 50 epochs, standardized",
                        new ConcreteExperiment(List.of(10), 50, true)),
                new ConcreteExercise("c", "1x10 ReLU, 100 epochs, standardized",
                        new ConcreteExperiment(List.of(10), 100, true)),
                new ConcreteExercise("d", "3x10 ReLU, 50 epochs, standardized",
                        new ConcreteExperiment(List.of(10, 10, 10), 50, true)),
                new ConcreteExercise("best", "2x64 ReLU, 300 epochs, standardized",
                        new ConcreteExperiment(List.of(64, 64), 300, true)));
    }

    public ConcreteExperiment experiment() {
        return experiment;
    }

    @Override
    public String name() {
        return "concrete-" + variant;
    }

    @Override
    public String title() {
        return "Concrete strength regression (" + variant.toUpperCase(Locale.ROOT) + "): " + description;
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) {
        TabularData data = ctx.dataDir()
                .map(dir -> dir.resolve("concrete").resolve("concrete_data.csv"))
                .filter(java.nio.file.Files::isRegularFile)
                .map(Concrete::load)
                .orElseGet(Concrete::load);
        ConcreteExperiment.Result r = experiment.run(data, REPETITIONS);
        ctx.out().printf(Locale.ROOT, "%s: test MSE per split %s%n", title(), format(r.mses()));
        return ExerciseResult.meanStd("test MSE", r.mean(), r.std());
    }

    private static String format(List<Double> values) {
        StringBuilder sb = new StringBuilder("[");
        for (double v : values) {
            sb.append(sb.length() > 1 ? ", " : "").append(String.format(Locale.ROOT, "%.1f", v));
        }
        return sb.append(']').toString();
    }
}
