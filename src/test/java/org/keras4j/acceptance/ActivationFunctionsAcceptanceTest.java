package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keras4j.datasets.ImageData;
import org.keras4j.datasets.Mnist;
import org.keras4j.datasets.TrainTest;
import org.keras4j.examples.training.ActivationFunctionsExercise;
import org.keras4j.examples.training.ActivationFunctionsExercise.Run;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course's activation-functions lesson: the same 5 x 32 MLP on MNIST (10,000 training images, SGD,
 * {@value ActivationFunctionsExercise#EPOCHS} epochs) with sigmoid, tanh, relu and the binary step.
 */
class ActivationFunctionsAcceptanceTest {

    @Test
    void activationFunctions_sigmoidGradientVanishes_reluAndTanhLearnFaster_stepDoesNotLearn() {
        TrainTest<ImageData> mnist = Mnist.load(AcceptanceData.dir());
        Run sigmoid = ActivationFunctionsExercise.train("sigmoid", mnist);
        Run tanh = ActivationFunctionsExercise.train("tanh", mnist);
        Run relu = ActivationFunctionsExercise.train("relu", mnist);
        Run step = ActivationFunctionsExercise.train("binary_step", mnist);

        // vanishing gradient: sigmoid's first hidden layer gets orders of magnitude less than its last (measured 1.3e-3)
        assertTrue(sigmoid.ratio() < 1e-2, sigmoid.toString());
        // relu and tanh keep it within a factor of 10 (measured 0.62 and 0.45)
        assertTrue(relu.ratio() > 0.1, relu.toString());
        assertTrue(tanh.ratio() > 0.1, tanh.toString());
        // the step has no gradient: no hidden weight moves
        assertEquals(List.of(0.0, 0.0, 0.0, 0.0, 0.0), step.layerGradients(), step.toString());
        // in the same budget relu and tanh learn (measured 0.906 and 0.912), sigmoid does not yet (0.098)
        assertTrue(relu.testAccuracy() >= 0.85, relu.toString());
        assertTrue(tanh.testAccuracy() >= 0.85, tanh.toString());
        assertTrue(sigmoid.testAccuracy() <= relu.testAccuracy() - 0.1, sigmoid + " vs " + relu);
        assertTrue(sigmoid.testAccuracy() <= tanh.testAccuracy() - 0.1, sigmoid + " vs " + tanh);
    }

    @Test
    void activationFunctions_plotsEachActivationBesideItsDerivative(@TempDir Path dir) throws Exception {
        Path png = ActivationFunctionsExercise.plot(dir.resolve("activation-functions.png"));
        assertTrue(Files.size(png) > 10_000, "PNG of " + Files.size(png) + " bytes");
        for (String activation : ActivationFunctionsExercise.ACTIVATIONS) {
            double error = ActivationFunctionsExercise.maxDerivativeError(activation);
            assertTrue(error < 1e-3, activation + ": max |f' - central difference| " + error);
        }
    }
}
