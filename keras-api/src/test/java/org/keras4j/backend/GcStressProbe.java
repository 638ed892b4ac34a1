package org.keras4j.backend;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.FitOptions;
import org.keras4j.Sequential;
import org.keras4j.internal.dl4j.jvm.JvmDenseNetwork;
import org.keras4j.internal.dl4j.updaters.FusedAdamStep;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.optimizers.RMSprop;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Child-JVM entry point for {@link GcStressTest}: trains models on every fast path while a
 * daemon thread calls {@code System.gc()} every 2 ms, for the number of seconds given, then prints
 * what ran. A native call whose arguments a collection frees ends this JVM with SIGSEGV.
 *
 * <p>Each round: the bare broadcast of the crash report ({@code addiRowVector}, ND4J's own
 * call), then build, compile, fit and predict: the issue's {@code 8-64-64-1} network (row-major
 * dense layers), a 2-8-1 network and the course classifier with sparse labels and accuracy (the
 * JVM path, its updater and host-copied metrics), an LSTM (the fused float LSTM: OpenBLAS on
 * regions of its arrays, bulk copies to and from the JVM), a CNN (the forward-once convolution
 * and the copy-free relu), CNNs whose convolutions of up to 3 input channels run their backward
 * pass in OpenBLAS (with and without the input's gradient), a SimpleRNN and a BatchNormalization
 * (stock DL4J layers).
 */
public final class GcStressProbe {

    /** Per round, the bare broadcast runs about as long as the models train: it is the likeliest to crash. */
    private static final long BROADCAST_NANOS_PER_ROUND = 4_000_000_000L;

    private GcStressProbe() {
    }

    public static void main(String[] args) {
        long seconds = Long.parseLong(args[0]);
        Thread collector = new Thread(() -> {
            while (true) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc-hammer");
        collector.setDaemon(true);
        collector.start();

        Map<String, Supplier<Sequential>> models = new LinkedHashMap<>();
        models.put("dense", () -> new Sequential(new Input(8), new Dense(64, "relu"), new Dense(64, "relu"),
                new Dense(1)));
        // tiny networks on the JVM path with Keras's RMSprop (centered, with momentum) and SGD with momentum
        models.put("jvm", () -> new Sequential(new Input(2), new Dense(8, "tanh"), new Dense(1)));
        models.put("momentum", () -> new Sequential(new Input(4), new Dense(8, "relu"), new Dense(1)));
        // the course classifier on the JVM path: sparse labels, accuracy on host copies, Adam on the JVM, shuffled
        models.put("course", () -> new Sequential(new Input(20), new Dense(64, "relu"), new Dense(3, "softmax")));
        // too large for the JVM path: the fused softmax cross-entropy output layer and the fused Adam step
        models.put("mlp", () -> new Sequential(new Input(200), new Dense(96, "relu"), new Dense(10, "softmax")));
        models.put("lstm", () -> new Sequential(new Input(10, 4), new LSTM(16), new Dense(1)));
        models.put("conv", () -> new Sequential(new Input(8, 8, 1), new Conv2D(4, 3, "relu"), new MaxPooling2D(),
                new Flatten(), new Dense(1)));
        // the OpenBLAS backward pass of convolutions with few input channels: with (second) and without (first) dX
        models.put("convgemm", () -> new Sequential(new Input(9, 9, 2), new Conv2D(3, 3, "relu").withPadding("same"),
                new Conv2D(4, 2, "relu"), new Conv2D(5, 3, "relu"), new Flatten(), new Dense(1)));
        models.put("stock", () -> new Sequential(new Input(6, 3), new SimpleRNN(8), new BatchNormalization(),
                new Dense(1)));
        // keras4j's own recurrent layer: per-gate dropout operands, the GRU's second product, a reversed sequence
        models.put("gru", () -> new Sequential(new Input(10, 4), new GRU(12).withReturnSequences(true).withGoBackwards(true)
                .withDropout(0.2).withRecurrentDropout(0.2), new GRU(8).withResetAfter(false), new Dense(1)));
        // both bidirectional layers: keras4j's (a GRU) and DL4J's wrapper with the last steps picked (an LSTM)
        models.put("bidi", () -> new Sequential(new Input(10, 4),
                new Bidirectional(new GRU(6).withReturnSequences(true)), new Bidirectional(new LSTM(8)), new Dense(1)));
        // a mask from padded indices: the checked embedding, masked steps in keras4j's bidirectional layer
        models.put("masked", () -> new Sequential(new Input(10), new Embedding(10, 4).withMaskZero(true),
                new Bidirectional(new LSTM(8)), new Dense(1)));
        Map<String, long[]> inputShapes = Map.ofEntries(Map.entry("dense", new long[] {721, 8}),
                Map.entry("jvm", new long[] {64, 2}), Map.entry("momentum", new long[] {96, 4}),
                Map.entry("course", new long[] {640, 20}),
                Map.entry("mlp", new long[] {200, 200}), Map.entry("lstm", new long[] {96, 10, 4}),
                Map.entry("conv", new long[] {96, 8, 8, 1}), Map.entry("convgemm", new long[] {96, 9, 9, 2}),
                Map.entry("stock", new long[] {96, 6, 3}), Map.entry("gru", new long[] {96, 10, 4}),
                Map.entry("bidi", new long[] {96, 10, 4}), Map.entry("masked", new long[] {96, 10}));

        TreeSet<String> layers = new TreeSet<>();
        TreeSet<String> onJvm = new TreeSet<>();
        TreeSet<String> fusedAdam = new TreeSet<>();
        INDArray bias = Nd4j.rand(1, 64);
        long broadcasts = 0;
        int rounds = 0;
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            long broadcastEnd = System.nanoTime() + BROADCAST_NANOS_PER_ROUND;
            while (System.nanoTime() < broadcastEnd) {
                INDArray z = Nd4j.rand(32, 64);
                for (int j = 0; j < 100; j++) {
                    z.addiRowVector(bias);
                    broadcasts++;
                }
            }
            for (Map.Entry<String, Supplier<Sequential>> e : models.entrySet()) {
                long[] shape = inputShapes.get(e.getKey());
                INDArray x = e.getKey().equals("masked") ? paddedIndices(shape) : Nd4j.randn(shape);
                boolean course = e.getKey().equals("course");
                boolean mlp = e.getKey().equals("mlp");
                INDArray y = course ? classIndices(shape[0], 3)
                        : mlp ? org.keras4j.utils.Categorical.toCategorical(classIndices(shape[0], 10).reshape(shape[0]), 10)
                        : Nd4j.rand(new long[] {shape[0], 1});
                Sequential model = e.getValue().get();
                if (course) {
                    model.compile("adam", "sparse_categorical_crossentropy", "accuracy");
                } else if (mlp) {
                    model.compile("adam", "categorical_crossentropy");
                } else if (e.getKey().equals("jvm")) {
                    model.compile(new RMSprop(0.01, 0.9, 0.5, 1e-7, true), "mse");
                } else if (e.getKey().equals("momentum")) {
                    model.compile(new SGD(0.05, 0.9), "mse");
                } else {
                    model.compile("adam", "mse");
                }
                model.fit(x, y, FitOptions.defaults().epochs(2).batchSize(e.getKey().equals("jvm") ? 4 : 32).verbose(0));
                INDArray p = model.predict(x);
                if (p.size(0) != shape[0]) {
                    throw new AssertionError(e.getKey() + ": predicted " + p.size(0) + " rows of " + shape[0]);
                }
                if (e.getKey().equals("jvm")) {
                    // tiny predict calls: outputs on ND4J's shared shape buffers, collected while the next are made
                    INDArray four = x.get(NDArrayIndex.interval(0, 4), NDArrayIndex.all()).dup();
                    for (int i = 0; i < 500; i++) {
                        if (model.predict(four).size(0) != 4) {
                            throw new AssertionError("jvm: a tiny predict lost rows");
                        }
                    }
                }
                if (JvmDenseNetwork.of((MultiLayerNetwork) model.network().unwrap()) != null) {
                    onJvm.add(e.getKey());
                }
                if (FusedAdamStep.of((MultiLayerNetwork) model.network().unwrap()) != null) {
                    fusedAdam.add(e.getKey());
                }
                for (Layer layer : ((MultiLayerNetwork) model.network().unwrap()).getLayers()) {
                    while (layer instanceof BaseWrapperLayer wrapper) { // LastTimeStep around the recurrent layers
                        layer = wrapper.getUnderlying();
                    }
                    layers.add(e.getKey() + ":" + layer.getClass().getSimpleName());
                }
            }
            rounds++;
        }
        System.out.println("executioner " + Nd4j.getExecutioner().getClass().getName());
        System.out.println("layers " + layers);
        System.out.println("jvm path " + onJvm); // the networks it takes; their batches within its limit run there
        System.out.println("fused adam step " + fusedAdam);
        System.out.println("survived " + rounds + " rounds and " + broadcasts + " broadcasts");
    }

    /** Class indices {@code [n, 1]} in {@code [0, k)}. */
    private static INDArray classIndices(long n, int k) {
        INDArray y = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, n, 1);
        for (int i = 0; i < n; i++) {
            y.putScalar(i, 0, i % k);
        }
        return y;
    }

    /** Indices 1..9 with each row's first 0-9 steps set to padding (0). */
    private static INDArray paddedIndices(long[] shape) {
        INDArray x = Nd4j.rand(shape).muli(9).addi(1);
        x = Nd4j.getExecutioner().exec(new org.nd4j.linalg.api.ops.impl.transforms.same.Floor(x));
        for (int i = 0; i < shape[0]; i++) {
            for (int t = 0; t < i % shape[1]; t++) {
                x.putScalar(i, t, 0);
            }
        }
        return x;
    }
}
