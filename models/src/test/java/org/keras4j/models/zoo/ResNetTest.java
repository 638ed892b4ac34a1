package org.keras4j.models.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.Shape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ResNetTest {

    @Test
    void resnet18_1000Classes_hasTorchvisionsTrainableCount_plusMovingStatistics() {
        Functional model = ResNet.resnet18();
        // torchvision: sum(p.numel() for p in resnet18().parameters()) = 11,689,512
        assertArrayEquals(new long[] {11_689_512, 9_600}, ParamCounts.of(model));
        assertEquals(11_699_112, model.countParams());
    }

    @Test
    void resnet34_1000Classes_hasTorchvisionsTrainableCount_plusMovingStatistics() {
        Functional model = ResNet.resnet34();
        assertArrayEquals(new long[] {21_797_672, 17_024}, ParamCounts.of(model));
    }

    @Test
    void resnet18_224_stagesHalveTheImageAsTorchvision() {
        Functional model = ResNet.resnet18();
        assertEquals(Shape.of(112, 112, 64), model.getLayer("conv1_relu").output().shape());
        assertEquals(Shape.of(56, 56, 64), model.getLayer("pool1_pool").output().shape());
        assertEquals(Shape.of(56, 56, 64), model.getLayer("conv2_block2_out").output().shape());
        assertEquals(Shape.of(28, 28, 128), model.getLayer("conv3_block2_out").output().shape());
        assertEquals(Shape.of(14, 14, 256), model.getLayer("conv4_block2_out").output().shape());
        assertEquals(Shape.of(7, 7, 512), model.getLayer("conv5_block2_out").output().shape());
        assertEquals(Shape.of(1000), model.outputShape());
    }

    @Test
    void outputShape_forIncludeTopAndEachPooling() {
        ApplicationOptions noTop = ApplicationOptions.defaults().includeTop(false);
        assertEquals(Shape.of(7, 7, 512), ResNet.resnet18(noTop).outputShape());
        assertEquals(Shape.of(512), ResNet.resnet18(noTop.pooling("avg")).outputShape());
        assertEquals(Shape.of(512), ResNet.resnet18(noTop.pooling("max")).outputShape());
        List<org.keras4j.layers.Layer> maxPooled = ResNet.resnet18(noTop.pooling("max")).layers();
        assertEquals("max_pool", maxPooled.get(maxPooled.size() - 1).name());
        // the top ignores pooling, as in Keras
        assertEquals(Shape.of(5), ResNet.resnet18(ApplicationOptions.defaults().pooling("max").classes(5))
                .outputShape());
        assertEquals(Shape.of(2, 2, 512), ResNet.resnet34(noTop.inputShape(64, 64, 3)).outputShape());
        // 40 columns: 20 after the stem, 10 after the pool, then 5, 3, 2 (torchvision's arithmetic)
        assertEquals(Shape.of(1, 2, 512), ResNet.resnet18(noTop.inputShape(32, 40, 1)).outputShape());
    }

    @Test
    void withoutTop_countsOnlyTheConvolutionalPart() {
        // 11,689,512 - fc (512 * 1000 + 1000)
        long[] counts = ParamCounts.of(ResNet.resnet18(ApplicationOptions.defaults().includeTop(false)));
        assertEquals(11_689_512 - 513_000, counts[0]);
    }

    @Test
    void smallResnet18_trainsAndPredictsThroughDl4j() {
        Keras.setRandomSeed(1);
        Functional model = ResNet.resnet18(ApplicationOptions.defaults().inputShape(32, 32, 3).classes(3));
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 4, 32, 32, 3);
        INDArray y = Nd4j.createFromArray(new float[][] {{0}, {1}, {2}, {1}});
        model.fit(x, y, org.keras4j.FitOptions.defaults().epochs(1).batchSize(4).verbose(0));
        INDArray p = model.predict(x);
        assertArrayEquals(new long[] {4, 3}, p.shape());
        assertEquals(4.0, p.sumNumber().doubleValue(), 1e-4);
    }

    @Test
    void weights_keras4jFile_loadsByLayerName_andSurvivesRecompile(@TempDir Path dir) throws Exception {
        Keras.setRandomSeed(2);
        ApplicationOptions small = ApplicationOptions.defaults().includeTop(false).inputShape(32, 32, 3)
                .pooling("avg");
        Functional trained = ResNet.resnet18(small);
        trained.compile("adam", "mse");
        Path file = dir.resolve("resnet18.keras4j");
        trained.saveWeights(file);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 32, 32, 3);
        INDArray expected = trained.predict(x);

        Keras.setRandomSeed(3);
        Functional loaded = ResNet.resnet18(small.weights(file));
        assertTrue(loaded.isBuilt());
        assertEquals(expected, loaded.predict(x));
        loaded.compile("sgd", "mse");
        assertEquals(expected, loaded.predict(x));
    }

    @Test
    void weights_kerasFiles_loadAsKerasWroteThem(@TempDir Path dir) throws Exception {
        Keras.setRandomSeed(4);
        ApplicationOptions small = ApplicationOptions.defaults().includeTop(false).inputShape(32, 32, 3)
                .pooling("max");
        Functional trained = ResNet.resnet18(small);
        trained.build();
        INDArray x = Nd4j.rand(DataType.FLOAT, 2, 32, 32, 3);
        INDArray expected = trained.predict(x);
        Path weightsFile = dir.resolve("resnet18.weights.h5"); // Keras 3's save_weights layout
        trained.saveWeights(weightsFile);
        Path modelFile = dir.resolve("resnet18.keras");
        trained.save(modelFile);
        for (Path file : List.of(weightsFile, modelFile)) {
            Keras.setRandomSeed(5);
            assertEquals(expected, ResNet.resnet18(small.weights(file)).predict(x), file.toString());
        }
    }

    @Test
    void badArguments_failNamingThem(@TempDir Path dir) throws Exception {
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> ResNet.resnet18(ApplicationOptions.defaults().inputShape(28, 28, 1)));
        assertTrue(small.getMessage().contains("at least 32 x 32") && small.getMessage().contains("[28, 28, 1]"),
                small.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> ResNet.resnet18(ApplicationOptions.defaults().weights(dir.resolve("none.keras4j"))));
        assertTrue(missing.getMessage().startsWith("weights: ") && missing.getMessage().contains("none.keras4j"));
        Path h5 = Files.writeString(dir.resolve("resnet18.h5"), "x");
        IllegalArgumentException keras = assertThrows(IllegalArgumentException.class,
                () -> ResNet.resnet18(ApplicationOptions.defaults().weights(h5)));
        assertTrue(keras.getMessage().contains("resnet18.h5"), keras.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApplicationOptions.defaults().pooling("mean"));
        assertThrows(IllegalArgumentException.class, () -> ApplicationOptions.defaults().classes(0));
        assertThrows(IllegalArgumentException.class, () -> ApplicationOptions.defaults().inputShape(224, 224));
        assertThrows(IllegalArgumentException.class, () -> ResNet.resnet18(null));
    }

    @Test
    void weights_ofAnotherArchitecture_failNamingTheLayer(@TempDir Path dir) {
        ApplicationOptions small = ApplicationOptions.defaults().inputShape(32, 32, 3).classes(4);
        Functional other = ResNet.resnet18(small.classes(3));
        other.compile("adam", "mse");
        Path file = dir.resolve("three.keras4j");
        other.saveWeights(file);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResNet.resnet18(small.weights(file)));
        assertTrue(e.getMessage().contains("predictions"), e.getMessage());
    }
}
