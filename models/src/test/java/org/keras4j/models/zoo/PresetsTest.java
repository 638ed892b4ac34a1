package org.keras4j.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.Shape;
import org.keras4j.layers.regularization.Dropout;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Each preset's shape and Keras's parameter counts ({@code [trainable, non-trainable]}). */
class PresetsTest {

    @Test
    void courseMlps_haveTheCoursesLayers() {
        Sequential concrete = CourseMlp.concreteRegression();
        assertEquals(Shape.of(8), concrete.inputShape());
        assertEquals(Shape.of(1), concrete.outputShape());
        assertEquals(8 * 10 + 10 + 10 + 1, concrete.countParams());
        assertEquals(8 * 10 + 10 + 2 * (10 * 10 + 10) + 10 + 1, CourseMlp.concreteRegression(8, 10, 10, 10).countParams());
        assertEquals(9, CourseMlp.concreteRegression(8).countParams());   // no hidden layer: linear regression
        Sequential car = CourseMlp.carEvaluation(21, 4);
        assertEquals(21 * 64 + 64 + 64 * 32 + 32 + 32 * 4 + 4, car.countParams());
        assertEquals(Shape.of(4), car.outputShape());
    }

    @Test
    void courseCnn_withAndWithoutBatchNorm() {
        assertArrayEquals(new long[] {28_938, 0}, ParamCounts.of(CourseCnn.build(false)));
        assertArrayEquals(new long[] {29_034, 96}, ParamCounts.of(CourseCnn.build(true)));
        assertEquals(Shape.of(10), CourseCnn.build(true).outputShape());
        assertEquals(Shape.of(3), CourseCnn.build(Shape.of(32, 32, 3), 3, false).outputShape());
    }

    @Test
    void lenet5_hasLeCunsParameterCount() {
        Sequential lenet = LeNet.lenet5();
        assertArrayEquals(new long[] {61_706, 0}, ParamCounts.of(lenet));
        assertEquals(Shape.of(5, 5, 16), lenet.getLayer("flatten").input().shape());
        // one BatchNormalization of 6, 16, 120 and 84 channels: gamma, beta trainable; moving mean, variance not
        assertArrayEquals(new long[] {61_706 + 2 * 226, 2 * 226}, ParamCounts.of(LeNet.lenet5BatchNorm()));
        assertEquals(Shape.of(7), LeNet.lenet5(Shape.of(32, 32, 3), 7).outputShape());
        assertEquals(Shape.of(6, 6, 16), LeNet.lenet5(Shape.of(32, 32, 3), 7).getLayer("flatten").input().shape());
    }

    @Test
    void smallResNet_isTheFashionResnetExercisesNetwork() {
        Functional model = SmallResNet.build();
        assertEquals(108_874, model.countParams());
        assertEquals(576, ParamCounts.of(model)[1]);
        assertEquals(Shape.of(10), model.outputShape());
        assertEquals("image", model.inputNames().get(0));
    }

    @Test
    void toyResNet_guideAndKotlinDlCounts() {
        // Keras's functional guide on (32, 32, 3): 223,242; KotlinDL's fixture on (28, 28, 1) without Dropout: 222,666
        Functional guide = ToyResNet.build();
        assertEquals(223_242, guide.countParams());
        assertTrue(guide.layers().stream().anyMatch(l -> l instanceof Dropout));
        Functional kotlindl = ToyResNet.build(Shape.of(28, 28, 1), 10, 0);
        assertEquals(222_666, kotlindl.countParams());
        assertTrue(kotlindl.layers().stream().noneMatch(l -> l instanceof Dropout));
        assertEquals(Shape.of(1, 1, 64), ToyResNet.build(Shape.of(13, 13, 1), 10, 0)
                .getLayer("global_average_pooling2d").input().shape());
    }

    @Test
    void presets_trainThroughDl4j() {
        Keras.setRandomSeed(0);
        Functional toy = ToyResNet.build(Shape.of(28, 28, 1), 3, 0.5);
        toy.compile(new org.keras4j.optimizers.Adam(), new org.keras4j.losses.SparseCategoricalCrossentropy(true));
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 28, 28, 1);
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {2}, {1}});
        toy.fit(x, y, org.keras4j.FitOptions.defaults().epochs(1).verbose(0));
        assertArrayEquals(new long[] {4, 3}, toy.predict(x).shape());
        Sequential lenet = LeNet.lenet5BatchNorm(Shape.of(28, 28, 1), 3);
        lenet.compile("adam", "sparse_categorical_crossentropy");
        lenet.fit(x, y, org.keras4j.FitOptions.defaults().epochs(1).verbose(0));
        assertEquals(4.0, lenet.predict(x).sumNumber().doubleValue(), 1e-4);
    }

    @Test
    void badArguments_failNamingThem() {
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> CourseCnn.build(Shape.of(28, 28), 10, false));
        assertTrue(shape.getMessage().contains("inputShape") && shape.getMessage().contains("[28, 28]"));
        assertThrows(IllegalArgumentException.class, () -> LeNet.lenet5(Shape.of(11, 11, 1), 10));
        assertThrows(IllegalArgumentException.class, () -> ToyResNet.build(Shape.of(12, 12, 1), 10, 0));
        assertThrows(IllegalArgumentException.class, () -> ToyResNet.build(Shape.of(32, 32, 3), 10, 1.0));
        assertThrows(IllegalArgumentException.class, () -> SmallResNet.build(Shape.of(28, 28, 1), 0));
        IllegalArgumentException units = assertThrows(IllegalArgumentException.class,
                () -> CourseMlp.concreteRegression(8, 10, 0));
        assertEquals("hiddenUnits[1] must be positive, got 0", units.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CourseMlp.carEvaluation(0, 4));
    }
}
