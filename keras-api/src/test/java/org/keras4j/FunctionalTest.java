package org.keras4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.callbacks.History;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

class FunctionalTest {

    private static INDArray rand(long... shape) {
        return Nd4j.rand(DataType.FLOAT, shape).subi(0.5).muli(2);
    }

    private static INDArray classes(int n, int k, long seed) {
        java.util.Random r = new java.util.Random(seed);
        INDArray y = Nd4j.zeros(DataType.FLOAT, n);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, r.nextInt(k));
        }
        return y;
    }

    /** Copies every layer's weights from one model to the other, layer by layer, by position among layers with weights. */
    private static void copyWeights(Model from, Model to) {
        List<Layer> a = from.layers().stream().filter(l -> !(l instanceof Input)).toList();
        List<Layer> b = to.layers().stream().filter(l -> !(l instanceof Input)).toList();
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            b.get(i).setWeights(a.get(i).getWeights());
        }
    }

    @Test
    void sequentialAndFunctionalTwinsGiveTheSameOutputsAndCurves() {
        Keras.setRandomSeed(7);
        Sequential seq = new Sequential(new Input(12, 12, 1), new Conv2D(4, 3, "relu"), new MaxPooling2D(2),
                new Flatten(), new Dense(16, "relu"), new Dense(3, "softmax"));
        seq.compile(new SGD(0.05), "sparse_categorical_crossentropy", "accuracy");
        KerasTensor in = Keras.input(12, 12, 1);
        KerasTensor x = new Conv2D(4, 3, "relu").apply(in);
        x = new MaxPooling2D(2).apply(x);
        x = new Flatten().apply(x);
        x = new Dense(16, "relu").apply(x);
        Functional fun = new Functional(in, new Dense(3, "softmax").apply(x));
        fun.compile(new SGD(0.05), "sparse_categorical_crossentropy", "accuracy");
        copyWeights(seq, fun);

        INDArray xs = rand(64, 12, 12, 1);
        INDArray ys = classes(64, 3, 1);
        assertTrue(seq.predict(xs).equalsWithEps(fun.predict(xs), 1e-5), "outputs from identical weights");
        FitOptions options = FitOptions.defaults().epochs(4).batchSize(16).shuffle(false).verbose(0);
        History hs = seq.fit(xs, ys, options);
        History hf = fun.fit(xs, ys, options);
        for (int e = 0; e < 4; e++) {
            assertEquals(hs.get("loss").get(e), hf.get("loss").get(e), 1e-4, "loss at epoch " + e);
            assertEquals(hs.get("accuracy").get(e), hf.get("accuracy").get(e), 1e-6, "accuracy at epoch " + e);
        }
        assertTrue(seq.predict(xs).equalsWithEps(fun.predict(xs), 1e-4), "outputs after training");
        assertEquals(seq.countParams(), fun.countParams());
    }

    @Test
    void anOutputThatNeedsAnInputNotGivenIsAGraphDisconnectedError() {
        KerasTensor a = Keras.input(4);
        KerasTensor b = Keras.input(4);
        KerasTensor y = new Dense(2).apply(new Dense(3).apply(b));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Functional(a, y));
        assertTrue(e.getMessage().startsWith("Graph disconnected"), e.getMessage());
    }

    @Test
    void layersAreNamedPerModelAndNamesMustBeUnique() {
        KerasTensor in = Keras.input(4);
        KerasTensor h = new Dense(3).apply(in);
        Functional m = new Functional(in, new Dense(2).withName("out").apply(new Dense(3).apply(h)));
        assertEquals(List.of("input_layer", "dense", "dense_1", "out"), m.layers().stream().map(Layer::name).toList());
        assertEquals(List.of("out"), m.outputNames());
        KerasTensor in2 = Keras.input(4);
        KerasTensor clash = new Dense(2).withName("x").apply(new Dense(3).withName("x").apply(in2));
        assertThrows(IllegalArgumentException.class, () -> new Functional(in2, clash));
    }

    /**
     * One Dense layer shared by two inputs, each feeding its own linear head: after one SGD step
     * the shared kernel moved by the sum of both outputs' gradients, written out by hand.
     */
    @Test
    void aSharedLayerHoldsOneWeightSetAndReceivesBothGradients() {
        Dense shared = new Dense(1);
        KerasTensor a = Keras.input("a", 2);
        KerasTensor b = Keras.input("b", 2);
        KerasTensor ya = shared.apply(a);
        KerasTensor yb = shared.apply(b);
        Functional m = new Functional("siamese", List.of(a, b), List.of(ya, yb));
        double lr = 0.1;
        m.compile(new SGD(lr), List.of(new org.keras4j.losses.MeanSquaredError(), new org.keras4j.losses.MeanSquaredError()),
                null, null);
        assertEquals(3, m.countParams(), "one kernel [2, 1] and one bias, once");
        INDArray kernel = Nd4j.createFromArray(new float[][] {{0.5f}, {-0.25f}});
        INDArray bias = Nd4j.createFromArray(0.1f);
        shared.setWeights(List.of(kernel, bias));
        INDArray xa = Nd4j.createFromArray(new float[][] {{1, 2}, {3, -1}});
        INDArray xb = Nd4j.createFromArray(new float[][] {{-2, 1}, {0, 4}});
        INDArray ta = Nd4j.createFromArray(new float[][] {{1}, {0}});
        INDArray tb = Nd4j.createFromArray(new float[][] {{-1}, {2}});
        m.fit(List.of(xa, xb), List.of(ta, tb), FitOptions.defaults().epochs(1).batchSize(2).shuffle(false).verbose(0));

        // d/dw mean((xw + b - t)^2) = 2/n * x^T (xw + b - t), for each output; SGD subtracts lr times their sum
        double[] w = {0.5, -0.25};
        double b0 = 0.1;
        double[][][] inputs = {{{1, 2}, {3, -1}}, {{-2, 1}, {0, 4}}};
        double[][] targets = {{1, 0}, {-1, 2}};
        double[] gw = new double[2];
        double gb = 0;
        for (int o = 0; o < 2; o++) {
            for (int i = 0; i < 2; i++) {
                double[] xi = inputs[o][i];
                double err = xi[0] * w[0] + xi[1] * w[1] + b0 - targets[o][i];
                gw[0] += 2.0 / 2 * err * xi[0];
                gw[1] += 2.0 / 2 * err * xi[1];
                gb += 2.0 / 2 * err;
            }
        }
        List<INDArray> after = shared.getWeights();
        assertEquals(w[0] - lr * gw[0], after.get(0).getDouble(0, 0), 1e-5);
        assertEquals(w[1] - lr * gw[1], after.get(0).getDouble(1, 0), 1e-5);
        assertEquals(b0 - lr * gb, after.get(1).getDouble(0), 1e-5);
    }

    @Test
    void aTwoInputTwoOutputModelTrainsAndReportsEachOutputAsKerasNamesIt() {
        Keras.setRandomSeed(3);
        KerasTensor a = Keras.input("a", 5);
        KerasTensor b = Keras.input("b", 3);
        KerasTensor cls = new Dense(3, "softmax").withName("kind").apply(new Dense(8, "relu").apply(a));
        KerasTensor reg = new Dense(1).withName("price").apply(new Dense(8, "relu").apply(b));
        Functional m = new Functional("two", List.of(a, b), List.of(cls, reg));
        m.compile("adam", List.of("sparse_categorical_crossentropy", "mse"), List.of(1.0, 0.5),
                List.of(List.of("accuracy"), List.of("mae")));
        INDArray xa = rand(200, 5);
        INDArray xb = rand(200, 3);
        INDArray yc = Nd4j.argMax(xa.get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)), 1).castTo(DataType.FLOAT);
        INDArray yr = xb.sum(true, 1);
        History h = m.fit(Map.of("a", xa, "b", xb), Map.of("kind", yc, "price", yr),
                FitOptions.defaults().epochs(15).batchSize(16).validationSplit(0.2).verbose(0));
        for (String key : List.of("loss", "kind_loss", "price_loss", "kind_accuracy", "price_mae", "val_loss",
                "val_kind_loss", "val_price_loss", "val_kind_accuracy", "val_price_mae")) {
            assertTrue(h.history().containsKey(key), key + " in " + h.history().keySet());
        }
        List<Double> kind = h.get("kind_loss");
        List<Double> price = h.get("price_loss");
        assertTrue(kind.get(kind.size() - 1) < kind.get(0) * 0.8, "kind loss falls: " + kind);
        assertTrue(price.get(price.size() - 1) < price.get(0) * 0.5, "price loss falls: " + price);
        Map<String, Double> scores = m.evaluate(List.of(xa, xb), List.of(yc, yr));
        assertEquals(scores.get("kind_loss") + 0.5 * scores.get("price_loss"), scores.get("loss"), 1e-4,
                "the total is the weighted sum of the outputs' losses");
        assertEquals(m.metricsNames(), List.copyOf(scores.keySet()));
        List<INDArray> predicted = m.predict(List.of(xa, xb));
        assertArrayEquals(new long[] {200, 3}, predicted.get(0).shape());
        assertArrayEquals(new long[] {200, 1}, predicted.get(1).shape());
    }

    @Test
    void aFeatureExtractorSharesTheTrainedWeightsAndFollowsFurtherTraining() {
        Keras.setRandomSeed(11);
        KerasTensor in = Keras.input(6);
        KerasTensor h = new Dense(4, "relu").withName("hidden").apply(in);
        Functional full = new Functional(in, new Dense(1).apply(h));
        full.compile("adam", "mse");
        INDArray x = rand(64, 6);
        INDArray y = x.sum(true, 1);
        full.fit(x, y, FitOptions.defaults().epochs(3).verbose(0));

        Functional features = new Functional(full.inputs(), full.getLayer("hidden").output());
        features.compile("adam", "mse");
        assertTrue(features.predict(x).equalsWithEps(handRelu(x, full.getLayer("hidden").getWeights()), 1e-5),
                "the extractor computes relu(x W + b) with the trained W and b");
        INDArray before = features.predict(x);
        full.fit(x, y, FitOptions.defaults().epochs(3).verbose(0));
        INDArray after = features.predict(x);
        assertFalse(before.equalsWithEps(after, 1e-6), "further training of the full model reaches the extractor");
        assertTrue(after.equalsWithEps(handRelu(x, full.getLayer("hidden").getWeights()), 1e-5));
    }

    private static INDArray handRelu(INDArray x, List<INDArray> weights) {
        return Transforms.relu(x.mmul(weights.get(0)).addRowVector(weights.get(1)), false);
    }

    @Test
    void aFrozenLayerKeepsItsWeightsWhileTheRestMove() {
        Keras.setRandomSeed(5);
        KerasTensor in = Keras.input(6);
        Dense frozen = new Dense(8, "relu");
        BatchNormalization bn = new BatchNormalization();
        KerasTensor x = bn.apply(frozen.apply(in));
        Dense head = new Dense(2, "softmax");
        Functional m = new Functional(in, head.apply(x));
        frozen.setTrainable(false);
        bn.setTrainable(false);
        m.compile("adam", "sparse_categorical_crossentropy");
        List<INDArray> frozenBefore = frozen.getWeights();
        List<INDArray> bnBefore = bn.getWeights();
        List<INDArray> headBefore = head.getWeights();
        m.fit(rand(64, 6), classes(64, 2, 3), FitOptions.defaults().epochs(2).verbose(0));
        for (int i = 0; i < frozenBefore.size(); i++) {
            assertEquals(frozenBefore.get(i), frozen.getWeights().get(i), "frozen Dense weight " + i + " bit-identical");
        }
        for (int i = 0; i < bnBefore.size(); i++) {
            assertEquals(bnBefore.get(i), bn.getWeights().get(i), "frozen BatchNormalization weight " + i);
        }
        assertNotEquals(headBefore.get(0), head.getWeights().get(0), "the head trains");
        String summary = m.summaryText();
        assertTrue(summary.contains("Trainable params: 18 (72.00 B)"), summary);
    }

    @Test
    void summaryOfAGraphHasKerasConnectedToColumn() {
        KerasTensor a = Keras.input("a", 4);
        KerasTensor b = Keras.input("b", 4);
        Dense shared = new Dense(3);
        shared.withName("shared");
        KerasTensor ya = shared.apply(a);
        KerasTensor yb = shared.apply(b);
        Functional m = new Functional("twin", List.of(a, b), List.of(ya, yb));
        String text = m.summaryText();
        assertTrue(text.contains("Connected to"), text);
        assertTrue(text.contains("a[0][0]"), text);
        assertTrue(text.contains("b[0][0]"), text);
        assertTrue(text.contains("Total params: 15 (60.00 B)"), text);
        assertSame(shared, m.getLayer("shared"));
        Functional chain = new Functional(a, new Dense(2).apply(a));
        assertFalse(chain.summaryText().contains("Connected to"), "a chain is summarized as Keras does a Sequential");
    }

    @Test
    void aModelCalledAsALayerSharesItsWeightsWithTheOuterModel() {
        Keras.setRandomSeed(13);
        Sequential encoder = new Sequential(new Input(6), new Dense(3, "tanh").withName("code"));
        KerasTensor in = Keras.input(6);
        KerasTensor code = encoder.apply(in);
        Functional outer = new Functional(in, new Dense(6).withName("decoded").apply(code));
        outer.compile("adam", "mse");
        assertEquals(List.of("input_layer", "code", "decoded"), outer.layers().stream().map(Layer::name).toList());
        INDArray x = rand(32, 6);
        outer.fit(x, x, FitOptions.defaults().epochs(2).verbose(0));
        encoder.compile("adam", "mse");
        List<INDArray> w = encoder.getLayer("code").getWeights();
        INDArray expected = Transforms.tanh(x.mmul(w.get(0)).addRowVector(w.get(1)), false);
        assertTrue(encoder.predict(x).equalsWithEps(expected, 1e-5), "the encoder runs with the weights the outer model trained");
    }

    @Test
    void aSequentialGivesSubModelsFromItsTensors() {
        Keras.setRandomSeed(17);
        Sequential seq = new Sequential(new Input(5), new Dense(4, "relu").withName("hidden"), new Dense(2, "softmax"));
        seq.compile("adam", "sparse_categorical_crossentropy");
        INDArray x = rand(40, 5);
        seq.fit(x, classes(40, 2, 5), FitOptions.defaults().epochs(2).verbose(0));
        Functional features = new Functional(seq.inputs(), seq.getLayer("hidden").output());
        features.compile("adam", "mse");
        assertTrue(features.predict(x).equalsWithEps(handRelu(x, seq.getLayer("hidden").getWeights()), 1e-5));
        seq.pop();
        assertEquals("hidden", seq.outputs().get(0).layer().name(), "pop drops the last call from the chain");
    }

    /** The Keras functional-API guide's toy ResNet: Keras prints 223,242 parameters for it. */
    @Test
    void theGuidesToyResNetHasKerasParameterCountsConnectionsAndTrains() {
        Keras.setRandomSeed(19);
        KerasTensor inputs = Keras.input("img", 32, 32, 3);
        KerasTensor x = new Conv2D(32, 3, "relu").apply(inputs);
        x = new Conv2D(64, 3, "relu").apply(x);
        KerasTensor block1 = new MaxPooling2D(3).apply(x);
        x = new Conv2D(64, 3, "relu").withPadding("same").apply(block1);
        x = new Conv2D(64, 3, "relu").withPadding("same").apply(x);
        KerasTensor block2 = new org.keras4j.layers.merging.Add().apply(x, block1);
        x = new Conv2D(64, 3, "relu").withPadding("same").apply(block2);
        x = new Conv2D(64, 3, "relu").withPadding("same").apply(x);
        KerasTensor block3 = new org.keras4j.layers.merging.Add().apply(x, block2);
        x = new Conv2D(64, 3, "relu").apply(block3);
        x = new org.keras4j.layers.pooling.GlobalAveragePooling2D().apply(x);
        x = new Dense(256, "relu").apply(x);
        x = new org.keras4j.layers.regularization.Dropout(0.5).apply(x);
        Functional model = new Functional("toy_resnet", List.of(inputs), List.of(new Dense(10).apply(x)));
        String summary = model.summaryText();
        assertEquals(223_242, model.countParams());
        assertTrue(summary.contains("Total params: 223,242 (872.04 KB)"), summary);
        assertTrue(summary.contains("conv2d_3[0][0]") && summary.contains("max_pooling2d[0][0]"), summary);
        assertTrue(summary.contains("add (Add)") && summary.contains("add_1 (Add)"), summary);

        model.compile(new org.keras4j.optimizers.RMSprop(), new org.keras4j.losses.CategoricalCrossentropy(true), List.of());
        INDArray images = Nd4j.rand(DataType.FLOAT, 8, 32, 32, 3);
        INDArray labels = Nd4j.eye(10).getRows(0, 1, 2, 3, 4, 5, 6, 7).castTo(DataType.FLOAT);
        History h = model.fit(images, labels, FitOptions.defaults().epochs(3).batchSize(8).verbose(0));
        assertTrue(h.get("loss").get(2) < h.get("loss").get(0), "loss falls: " + h.get("loss"));
    }

    /** Two inputs joined by Concatenate: the model computes the Dense on the concatenation, by hand. */
    @Test
    void concatenatedInputsFeedOneDenseAsKerasComputesIt() {
        KerasTensor a = Keras.input("a", 2);
        KerasTensor b = Keras.input("b", 1);
        Dense dense = new Dense(1);
        Functional m = new Functional("joined", List.of(a, b),
                List.of(dense.apply(new org.keras4j.layers.merging.Concatenate().apply(a, b))));
        m.compile("sgd", "mse");
        dense.setWeights(List.of(Nd4j.createFromArray(new float[][] {{1}, {-2}, {3}}), Nd4j.createFromArray(0.5f)));
        INDArray out = m.predict(List.of(Nd4j.createFromArray(new float[][] {{1, 1}, {2, 0}}),
                Nd4j.createFromArray(new float[][] {{1}, {-1}}))).get(0);
        assertEquals(1 - 2 + 3 + 0.5, out.getDouble(0, 0), 1e-6);
        assertEquals(2 - 0 - 3 + 0.5, out.getDouble(1, 0), 1e-6);
    }

    /** README's functional example as written there, on a few random images. */
    @Test
    void theReadmeExampleRuns() {
        Keras.setRandomSeed(23);
        INDArray images = Nd4j.rand(DataType.FLOAT, 16, 28, 28, 1);
        INDArray labels = classes(16, 10, 2);
        INDArray isFootwear = classes(16, 2, 3).reshape(16, 1);

        KerasTensor image = Keras.input("image", 28, 28, 1);
        KerasTensor x = new Conv2D(32, 3, "relu").withPadding("same").apply(image);
        KerasTensor y = new Conv2D(32, 3).withPadding("same").apply(x);
        x = new org.keras4j.layers.core.Activation("relu").apply(new org.keras4j.layers.merging.Add().apply(x, y));
        x = new Flatten().apply(new MaxPooling2D(2).apply(x));
        KerasTensor kind = new Dense(10, "softmax").withName("kind").apply(x);
        KerasTensor footwear = new Dense(1, "sigmoid").withName("footwear").apply(x);
        Functional model = new Functional("two_heads", List.of(image), List.of(kind, footwear));
        model.compile("adam", List.of("sparse_categorical_crossentropy", "binary_crossentropy"),
                List.of(1.0, 0.5), List.of(List.of("accuracy"), List.of("accuracy")));
        assertTrue(model.summaryText().contains("Connected to"));
        History h = model.fit(List.of(images), List.of(labels, isFootwear),
                FitOptions.defaults().epochs(2).validationSplit(0.25).verbose(0));
        assertEquals(2, h.get("kind_loss").size());
        assertEquals(2, h.get("val_footwear_accuracy").size());
        Functional features = new Functional(model.inputs(), model.getLayer("flatten").output());
        features.compile("adam", "mse");
        assertArrayEquals(new long[] {16, 14 * 14 * 32}, features.predict(images).shape());
        History byName = model.fit(Map.of("image", images), Map.of("kind", labels, "footwear", isFootwear),
                FitOptions.defaults().epochs(1).verbose(0));
        assertTrue(byName.history().containsKey("footwear_accuracy"));
    }

    /** Batches of two inputs and two outputs, as a user's generator would give them. */
    private static org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator batches(INDArray[] x, INDArray[] y, int size) {
        return new org.nd4j.linalg.dataset.api.iterator.MultiDataSetIterator() {
            private long start;

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet next(int num) {
                long end = Math.min(start + num, x[0].size(0));
                INDArray[] bx = java.util.Arrays.stream(x).map(a -> a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                        org.nd4j.linalg.indexing.NDArrayIndex.all())).toArray(INDArray[]::new);
                INDArray[] by = java.util.Arrays.stream(y).map(a -> a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(start, end),
                        org.nd4j.linalg.indexing.NDArrayIndex.all())).toArray(INDArray[]::new);
                start = end;
                return new org.nd4j.linalg.dataset.MultiDataSet(bx, by);
            }

            @Override
            public void setPreProcessor(org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor p) {
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSetPreProcessor getPreProcessor() {
                return null;
            }

            @Override
            public boolean resetSupported() {
                return true;
            }

            @Override
            public boolean asyncSupported() {
                return false;
            }

            @Override
            public void reset() {
                start = 0;
            }

            @Override
            public boolean hasNext() {
                return start < x[0].size(0);
            }

            @Override
            public org.nd4j.linalg.dataset.api.MultiDataSet next() {
                return next(size);
            }
        };
    }

    @Test
    void aMultiDataSetIteratorFeedsEveryInputAndOutput() {
        Keras.setRandomSeed(29);
        KerasTensor a = Keras.input("a", 4);
        KerasTensor b = Keras.input("b", 4);
        KerasTensor joined = new org.keras4j.layers.merging.Concatenate().apply(a, b);
        KerasTensor sum = new Dense(1).withName("sum").apply(joined);
        KerasTensor diff = new Dense(1).withName("diff").apply(joined);
        Functional m = new Functional("iter", List.of(a, b), List.of(sum, diff));
        m.compile(new org.keras4j.optimizers.Adam(0.05), "mse");
        INDArray xa = rand(96, 4);
        INDArray xb = rand(96, 4);
        INDArray ys = xa.sum(true, 1).add(xb.sum(true, 1));
        INDArray yd = xa.sum(true, 1).sub(xb.sum(true, 1));
        History h = m.fit(batches(new INDArray[] {xa, xb}, new INDArray[] {ys, yd}, 16),
                FitOptions.defaults().epochs(20).verbose(0)
                        .validationData(batches(new INDArray[] {xa, xb}, new INDArray[] {ys, yd}, 32)));
        List<Double> loss = h.get("loss");
        assertTrue(loss.get(loss.size() - 1) < loss.get(0) * 0.5, "loss falls: " + loss);
        assertEquals(20, h.get("val_diff_loss").size());
        Map<String, Double> scores = m.evaluate(batches(new INDArray[] {xa, xb}, new INDArray[] {ys, yd}, 32));
        Map<String, Double> same = m.evaluate(List.of(xa, xb), List.of(ys, yd));
        assertEquals(same.get("loss"), scores.get("loss"), 1e-5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.fit(batches(new INDArray[] {xa}, new INDArray[] {ys, yd}, 16), FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("one array per model input"), e.getMessage());
    }

    @Test
    void compileAndDataErrorsNameTheArgumentTheExpectedAndTheActual() {
        KerasTensor a = Keras.input("a", 3);
        KerasTensor b = Keras.input("b", 2);
        KerasTensor joined = new org.keras4j.layers.merging.Concatenate().apply(a, b);
        Functional m = new Functional("errs", List.of(a, b), List.of(new Dense(1).withName("p").apply(joined),
                new Dense(2, "softmax").withName("q").apply(joined)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.compile("adam", "mse", "mae", "mae", "mae"));
        assertTrue(e.getMessage().contains("one entry per output, got 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", List.of("mse"), null, null));
        assertEquals("losses must have one entry per output (2: [p, q]), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> m.compile("adam", Map.of("p", "mse", "r", "mse"), null, null));
        assertTrue(e.getMessage().contains("'r', which is not an output; outputs: [p, q]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.compile("adam", Map.of("p", "mse"), null, null));
        assertTrue(e.getMessage().contains("no loss for output 'q'"), e.getMessage());
        m.compile("adam", Map.of("p", "mse", "q", "sparse_categorical_crossentropy"), Map.of("q", 0.5),
                Map.of("q", List.of("accuracy")));
        assertEquals(List.of("loss", "p_loss", "q_loss", "q_accuracy"), m.metricsNames());
        assertEquals(0.5, m.compiled().outputs().get(1).lossWeight());
        INDArray xa = rand(10, 3);
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(List.of(xa)));
        assertEquals("x must have one array per model input (2: [a, b]), got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(List.of(xa, rand(9, 2))));
        assertTrue(e.getMessage().contains("same number of samples"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.predict(List.of(xa, rand(10, 3))));
        assertTrue(e.getMessage().contains("x[1] (input 'b')"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.predict(xa), "one array for a two-input model");
        e = assertThrows(IllegalArgumentException.class, () -> m.fit(Map.of("a", xa), Map.of("p", rand(10, 1)),
                FitOptions.defaults().verbose(0)));
        assertTrue(e.getMessage().contains("no array for input 'b'"), e.getMessage());
    }

    /** Keras's model.get_weights(): each layer's arrays in layer order, a shared layer once; set_weights takes the same. */
    @Test
    void modelWeightsAreEachLayersKerasArraysInLayerOrder() {
        Dense shared = new Dense(2);
        KerasTensor a = Keras.input("a", 3);
        KerasTensor b = Keras.input("b", 3);
        BatchNormalization bn = new BatchNormalization();
        KerasTensor sum = new org.keras4j.layers.merging.Add().apply(shared.apply(a), shared.apply(b));
        Functional m = new Functional("w", List.of(a, b), List.of(new Dense(1).apply(bn.apply(sum))));
        m.compile("sgd", "mse");
        List<INDArray> w = m.getWeights();
        assertEquals(2 + 4 + 2, w.size(), "shared Dense once, BatchNormalization's four, the head's two");
        assertArrayEquals(new long[] {3, 2}, w.get(0).shape());
        assertEquals(shared.getWeights(), w.subList(0, 2));
        assertEquals(bn.getWeights(), w.subList(2, 6));
        List<INDArray> replaced = new java.util.ArrayList<>();
        for (INDArray x : w) {
            replaced.add(Nd4j.rand(DataType.FLOAT, x.shape()));
        }
        m.setWeights(replaced);
        assertEquals(replaced, m.getWeights());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.setWeights(replaced.subList(0, 7)));
        assertEquals("model 'w': setWeights expects 8 arrays (the weights of its layers in order), got 7", e.getMessage());
        List<INDArray> wrong = new java.util.ArrayList<>(replaced);
        wrong.set(7, Nd4j.zeros(DataType.FLOAT, 2));
        e = assertThrows(IllegalArgumentException.class, () -> m.setWeights(wrong));
        assertEquals("model 'w': weight 7 expects shape [1], got [2]", e.getMessage());
        assertEquals(replaced, m.getWeights(), "nothing written when a shape is wrong");
    }
}
