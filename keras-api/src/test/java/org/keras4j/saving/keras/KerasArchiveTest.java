package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.saving.hdf5.Hdf5Reader;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class KerasArchiveTest {
    @TempDir
    Path dir;

    private static Sequential cnn() {
        return new Sequential("cnn", new Input(8, 8, 1), new Conv2D(4, 3, "relu"), new BatchNormalization(),
                new MaxPooling2D(2), new Conv2D(6, 2), new Flatten(), new Dropout(0.25), new Dense(3, "softmax"));
    }

    private static void assertSameWeights(Model a, Model b) {
        assertEquals(a.layers().size(), b.layers().size());
        for (int i = 0; i < a.layers().size(); i++) {
            Layer la = a.layers().get(i);
            Layer lb = b.layers().get(i);
            assertEquals(la.name(), lb.name());
            assertEquals(la.className(), lb.className());
            if (la instanceof Input) {
                continue;
            }
            List<INDArray> wa = la.getWeights();
            List<INDArray> wb = lb.getWeights();
            assertEquals(wa.size(), wb.size(), la.name());
            for (int k = 0; k < wa.size(); k++) {
                assertArrayEquals(wa.get(k).shape(), wb.get(k).shape(), la.name() + " weight " + k);
                assertArrayEquals(wa.get(k).dup().data().asFloat(), wb.get(k).dup().data().asFloat(),
                        la.name() + " weight " + k + " bit-identical");
            }
        }
    }

    @Test
    void sequentialRoundTripsBitIdentical_compiledAsSaved() {
        Keras.setRandomSeed(1);
        Sequential model = cnn();
        model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 8, 8, 1);
        INDArray y = Nd4j.createFromArray(new float[] {0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0}).reshape(16, 1);
        model.fit(x, y, 2);
        Path file = dir.resolve("cnn.keras");
        model.save(file);
        Model back = Keras.loadModel(file);
        assertTrue(back instanceof Sequential, back.getClass().toString());
        assertTrue(back.isCompiled(), "compile_config compiles it");
        assertEquals(model.summaryText(), back.summaryText());
        assertSameWeights(model, back);
        assertEquals(model.predict(x), back.predict(x));
        assertEquals(model.evaluate(x, y).get("loss"), back.evaluate(x, y).get("loss"), 1e-6);
        back.fit(x, y, 1); // trains on
    }

    @Test
    void weightsFileHoldsKerasPathsShapesAndNames() throws IOException {
        Keras.setRandomSeed(2);
        Sequential model = cnn();
        model.compile("adam", "sparse_categorical_crossentropy");
        Path file = dir.resolve("cnn.keras");
        model.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertEquals(List.of("metadata.json", "config.json", "model.weights.h5"),
                    zip.stream().map(ZipEntry::getName).toList());
            byte[] h5 = zip.getInputStream(zip.getEntry("model.weights.h5")).readAllBytes();
            try (Hdf5Reader r = Hdf5Reader.fromBytes(h5, "model.weights.h5")) {
                assertEquals("cnn", r.stringAttribute("vars", "name").orElseThrow());
                assertArrayEquals(new long[] {3, 3, 1, 4}, r.shape("layers/conv2d/vars/0"));
                assertArrayEquals(new long[] {4}, r.shape("layers/conv2d/vars/1"));
                assertEquals(List.of("0", "1", "2", "3"), r.children("layers/batch_normalization/vars"));
                assertArrayEquals(new long[] {2, 2, 4, 6}, r.shape("layers/conv2d_1/vars/0"));
                assertArrayEquals(new long[] {24, 3}, r.shape("layers/dense/vars/0"));
                assertTrue(r.children("layers/flatten/vars").isEmpty());
                assertEquals(model.getLayer("dense").name(), r.stringAttribute("layers/dense/vars", "name").orElseThrow());
                INDArray kernel = r.readFloats("layers/dense/vars/0", new long[] {24, 3});
                assertEquals(model.getLayer("dense").getWeights().get(0), kernel);
            }
        }
    }

    @Test
    void functionalWithRecurrentLayersAndMergesRoundTripsBitIdentical() {
        Keras.setRandomSeed(3);
        KerasTensor tokens = Keras.input("tokens", 6);
        KerasTensor embedded = new Embedding(12, 5).apply(tokens);
        KerasTensor a = new LSTM(4).apply(embedded);
        KerasTensor b = new Bidirectional(new GRU(2)).apply(embedded);
        KerasTensor joined = new Concatenate().apply(a, b);
        KerasTensor side = Keras.input("side", 8);
        KerasTensor sum = new Add().apply(joined, new Dense(8).apply(side));
        KerasTensor out = new Dense(2, "softmax").withName("out").apply(sum);
        Functional model = new Functional("two_inputs", List.of(tokens, side), List.of(out));
        model.compile("rmsprop", "categorical_crossentropy");
        Path file = dir.resolve("graph.keras");
        model.save(file);
        Model back = Keras.loadModel(file);
        assertTrue(back instanceof Functional);
        assertEquals(model.summaryText(), back.summaryText());
        assertSameWeights(model, back);
        List<INDArray> in = List.of(Nd4j.createFromArray(new float[][] {{1, 2, 3, 4, 5, 6}, {11, 0, 0, 2, 7, 9}}),
                Nd4j.rand(DataType.FLOAT, 2, 8));
        assertEquals(model.predict(in).get(0), back.predict(in).get(0));
    }

    @Test
    void aBuiltModelSavesWithoutCompileConfigAndLoadsBuilt() {
        Sequential model = new Sequential(new Input(3), new Dense(2));
        model.build();
        Path file = dir.resolve("built.keras");
        model.save(file);
        Model back = Keras.loadModel(file);
        assertFalse(back.isCompiled());
        assertTrue(back.isBuilt());
        assertSameWeights(model, back);
    }

    @Test
    void kerasWeightsFileRoundTrips() {
        Keras.setRandomSeed(4);
        Sequential model = cnn();
        model.compile("sgd", "mse");
        Path file = dir.resolve("cnn.weights.h5");
        model.saveWeights(file);
        Keras.setRandomSeed(5);
        Sequential other = cnn();
        other.build();
        other.loadWeights(file);
        assertSameWeights(model, other);
    }

    @Test
    void truncatedOrForeignFilesFailWithOneClearMessage() throws IOException {
        Sequential model = cnn();
        model.build();
        Path file = dir.resolve("cnn.keras");
        model.save(file);
        byte[] bytes = Files.readAllBytes(file);
        Path cut = dir.resolve("cut.keras");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keras.loadModel(cut));
        assertTrue(e.getMessage().contains("cut.keras") && e.getMessage().contains("not a valid Keras .keras file"),
                e.getMessage());
        Path text = dir.resolve("notes.h5");
        Files.writeString(text, "not HDF5 at all");
        e = assertThrows(IllegalArgumentException.class, () -> Keras.loadModel(text));
        assertTrue(e.getMessage().contains("notes.h5"), e.getMessage());
        Path weightsOnly = dir.resolve("w.weights.h5");
        model.saveWeights(weightsOnly);
        e = assertThrows(IllegalArgumentException.class, () -> Keras.loadModel(weightsOnly));
        assertTrue(e.getMessage().contains("weights only"), e.getMessage());
    }

    @Test
    void aConfigDeclaringMoreParametersThanTheFileHoldsIsRefusedBeforeAllocating() throws IOException {
        Sequential model = new Sequential(new Input(3), new Dense(2).withName("d"));
        model.build();
        Path file = dir.resolve("small.keras");
        model.save(file);
        Path hostile = dir.resolve("hostile.keras");
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                for (ZipEntry entry : zip.stream().toList()) {
                    byte[] content = zip.getInputStream(entry).readAllBytes();
                    if (entry.getName().equals("config.json")) {
                        String json = new String(content, StandardCharsets.UTF_8);
                        assertTrue(json.contains("\"units\" : 2") || json.contains("\"units\":2"), json);
                        json = json.replace("\"units\" : 2", "\"units\" : 2000000000").replace("\"units\":2", "\"units\":2000000000");
                        content = json.getBytes(StandardCharsets.UTF_8);
                    }
                    z.putNextEntry(new ZipEntry(entry.getName()));
                    z.write(content);
                    z.closeEntry();
                }
            }
            Files.write(hostile, out.toByteArray());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Keras.loadModel(hostile));
        assertTrue(e.getMessage().contains("'d'") && e.getMessage().contains("8000000000"), e.getMessage());
    }
}
