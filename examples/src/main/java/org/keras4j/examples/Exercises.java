package org.keras4j.examples;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.keras4j.examples.basics.AutodiffExercise;
import org.keras4j.examples.basics.BackpropByHandExercise;
import org.keras4j.examples.basics.TensorsExercise;
import org.keras4j.examples.linear.LinearRegressionExercise;
import org.keras4j.examples.linear.LogisticRegressionExercise;
import org.keras4j.examples.linear.MultipleLinearRegressionExercise;
import org.keras4j.examples.linear.SoftmaxRegressionExercise;
import org.keras4j.examples.mlp.CarEvaluationExercise;
import org.keras4j.examples.mlp.ConcreteExercise;
import org.keras4j.examples.mlp.TwoInputExercise;
import org.keras4j.examples.mlp.XorExercise;
import org.keras4j.examples.sequence.CharLanguageModelExercise;
import org.keras4j.examples.sequence.NextNumberExercise;
import org.keras4j.examples.sequence.OddEvenExercise;
import org.keras4j.examples.sequence.SineForecastExercise;
import org.keras4j.examples.training.ActivationFunctionsExercise;
import org.keras4j.examples.training.CheckpointResumeExercise;
import org.keras4j.examples.training.DropoutExercise;
import org.keras4j.examples.training.EarlyStoppingExercise;
import org.keras4j.examples.training.LearningRateExercise;
import org.keras4j.examples.training.MomentumExercise;
import org.keras4j.examples.training.WeightInitExercise;
import org.keras4j.examples.vision.CapstoneExercise;
import org.keras4j.examples.vision.CapstoneKerasBaseExercise;
import org.keras4j.examples.vision.CourseCnnExercise;
import org.keras4j.examples.vision.FashionMnistMlpExercise;
import org.keras4j.examples.vision.ImageFolderExercise;
import org.keras4j.examples.vision.MnistConvnetExercise;
import org.keras4j.examples.vision.ResidualCnnExercise;
import org.keras4j.examples.unsupervised.AnomalyDetectionExercise;
import org.keras4j.examples.unsupervised.AutoencoderMatrixExercise;
import org.keras4j.examples.unsupervised.CollaborativeFilteringExercise;
import org.keras4j.examples.unsupervised.ConvAutoencoderExercise;
import org.keras4j.examples.unsupervised.DbnExercise;
import org.keras4j.examples.interop.KerasImportExercise;
import org.keras4j.examples.unsupervised.DeepDenoisingAutoencoderExercise;
import org.keras4j.examples.unsupervised.LinearAutoencoderVsPcaExercise;
import org.keras4j.examples.unsupervised.RbmFeaturesExercise;

/**
 * The registry of exercises, in course order: {@code list}, {@code run} and {@code tour} read it.
 *
 * <pre>{@code
 * Exercise tensors = Exercises.find("tensors");
 * for (Exercise e : Exercises.all()) System.out.println(e.name() + "  " + e.title());
 * }</pre>
 */
public final class Exercises {

    private Exercises() {
    }

    /** Every exercise, in the order the course takes them. Add a new exercise here. */
    public static List<Exercise> all() {
        List<Exercise> all = new java.util.ArrayList<>(List.of(
                new TensorsExercise(),
                new AutodiffExercise(),
                new LinearRegressionExercise(),
                new MultipleLinearRegressionExercise(),
                new LogisticRegressionExercise(),
                new SoftmaxRegressionExercise(),
                new XorExercise(),
                new BackpropByHandExercise(),
                new ActivationFunctionsExercise(),
                new CarEvaluationExercise(),
                new TwoInputExercise()));
        all.addAll(ConcreteExercise.variants());
        all.add(new EarlyStoppingExercise());
        all.add(new CheckpointResumeExercise());
        all.add(new LearningRateExercise());
        all.add(new DropoutExercise());
        all.add(new MomentumExercise());
        all.add(new WeightInitExercise());
        all.add(new FashionMnistMlpExercise());
        all.add(new CourseCnnExercise(false));
        all.add(new CourseCnnExercise(true));
        all.add(new ResidualCnnExercise());
        all.add(new MnistConvnetExercise());
        all.add(new ImageFolderExercise());
        all.add(new CapstoneExercise());
        all.add(new CapstoneKerasBaseExercise());
        all.add(new AutoencoderMatrixExercise());
        all.add(new LinearAutoencoderVsPcaExercise());
        all.add(new DeepDenoisingAutoencoderExercise());
        all.add(new ConvAutoencoderExercise());
        all.add(new AnomalyDetectionExercise());
        all.add(new RbmFeaturesExercise());
        all.add(new DbnExercise());
        all.add(new CollaborativeFilteringExercise());
        all.add(new NextNumberExercise());
        all.add(new SineForecastExercise());
        all.add(new OddEvenExercise());
        all.add(new CharLanguageModelExercise());
        all.add(new KerasImportExercise());
        all = List.copyOf(all);
        checkUniqueNames(all);
        return all;
    }

    /** The names of {@link #all()}, in order. */
    public static List<String> names() {
        return all().stream().map(Exercise::name).collect(Collectors.toList());
    }

    /**
     * The exercise called {@code name} (case-insensitive).
     *
     * @throws IllegalArgumentException if there is none; the message lists the valid names
     */
    public static Exercise find(String name) {
        return find(all(), name);
    }

    /** The exercise called {@code name} among {@code exercises}; fails listing their names. */
    static Exercise find(List<Exercise> exercises, String name) {
        for (Exercise e : exercises) {
            if (e.name().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException("Unknown exercise '" + name + "'. Valid exercises: "
                + exercises.stream().map(Exercise::name).collect(Collectors.joining(", ")));
    }

    private static void checkUniqueNames(List<Exercise> exercises) {
        Set<String> seen = new HashSet<>();
        for (Exercise e : exercises) {
            if (!seen.add(e.name().toLowerCase(java.util.Locale.ROOT))) {
                throw new IllegalStateException("Two exercises are named '" + e.name() + "'; names must be unique");
            }
        }
    }
}
