package org.keras4j.acceptance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keras4j.datasets.FashionMnist;
import org.keras4j.examples.vision.CapstoneExercise;
import org.keras4j.examples.vision.CapstoneKerasBaseExercise;
import org.keras4j.training.TrainingCurves;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The course capstone end to end on Fashion-MNIST: a base trained by keras4j on classes 0-4, saved and loaded back,
 * frozen; a new 5-way head trained on classes 5-9 read from a PNG folder with a {@code #,TYPE,PATH,CLASS} index
 * written at run time from the IDX files; loss and accuracy per epoch and their curves.
 */
class CapstoneAcceptanceTest {

    @Test
    void capstone_frozenKeras4jBase_newHead_testAccuracyOnClasses5to9AtLeast090(@TempDir Path work) throws Exception {
        CapstoneExercise.Result r = CapstoneExercise.transfer(FashionMnist.load(AcceptanceData.dir()), work, null);
        System.out.printf("capstone: base accuracy %.4f (classes 0-4), test accuracy %.4f (classes 5-9); training"
                + " %.1f s (base %.1f s, features and head %.1f s)%n", r.baseAccuracy(), r.testAccuracy(),
                r.trainSeconds(), r.pretrainSeconds(), r.headSeconds());

        assertTrue(r.reloadedSame(), "the base loaded from its file predicts as the trained one");
        assertTrue(r.testAccuracy() >= CapstoneExercise.REFERENCE_ACCURACY, "capstone test accuracy " + r.testAccuracy());
        // the whole classifier on the test PNGs sees what the head saw on their cached features
        assertEquals(r.head().last("val_accuracy"), r.testAccuracy(), 1e-6);
        List<Double> loss = r.head().get("loss");
        assertEquals(CapstoneExercise.HEAD_EPOCHS, loss.size());
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "head loss per epoch " + loss);
        Path png = TrainingCurves.plot(r.head(), work.resolve("capstone.png"));
        byte[] magic = new byte[4];
        System.arraycopy(Files.readAllBytes(png), 0, magic, 0, 4);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, magic);
    }

    @Test
    void capstone_frozenKerasTrainedToyResNet_newHead_testAccuracyOnClasses5to9AtLeast090(@TempDir Path work)
            throws Exception {
        CapstoneExercise.Head head = CapstoneKerasBaseExercise.transfer(AcceptanceData.dir(),
                FashionMnist.load(AcceptanceData.dir()), work, null);
        System.out.printf("capstone on KotlinDL's ToyResNet: test accuracy %.4f (classes 5-9); features and head"
                + " %.1f s%n", head.testAccuracy(), head.seconds());

        assertTrue(head.testAccuracy() >= CapstoneKerasBaseExercise.REFERENCE_ACCURACY,
                "capstone test accuracy " + head.testAccuracy());
        assertEquals(head.history().last("val_accuracy"), head.testAccuracy(), 1e-6);
        List<Double> loss = head.history().get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0), "head loss per epoch " + loss);
    }
}
