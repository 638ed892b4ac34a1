package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.layers.wrapper.BaseWrapperLayer;
import org.keras4j.engine.LayerWeights;
import org.keras4j.internal.dl4j.layers.BidirectionalRecurrentLayer;
import org.keras4j.internal.dl4j.layers.KerasRecurrentLayer;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.rnn.TimeDistributed;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.convolutional.Conv2DTranspose;
import org.keras4j.layers.convolutional.DepthwiseConv2D;
import org.keras4j.layers.convolutional.SeparableConv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The one place that knows how DL4J holds each layer's weights and how Keras orders and shapes
 * them: Dense kernel {@code [in, out]} then bias {@code [out]}; Conv2D kernel
 * {@code [kh, kw, in, out]} (DL4J: {@code [out, in, kh, kw]}); Conv1D {@code [k, in, out]};
 * DepthwiseConv2D {@code [kh, kw, in, multiplier]}; SimpleRNN, LSTM and GRU kernel {@code [in, n·u]},
 * recurrent kernel {@code [u, n·u]}, bias {@code [n·u]} (a GRU with {@code resetAfter}:
 * {@code [2, 3u]}), LSTM gates in Keras's order {@code i, f, c, o} (DL4J's LSTM: {@code c, f, o,
 * i}; keras4j's own recurrent layer keeps Keras's order); Bidirectional the forward layer's
 * weights then the backward layer's; Embedding {@code [inputDim, outputDim]}; BatchNormalization
 * gamma, beta, moving mean, moving variance (gamma and beta only when it centers and scales).
 *
 * <pre>{@code
 * LayerWeights w = KerasWeightLayout.of(dense, network.getLayer(0));
 * List<INDArray> kernelAndBias = w.get();
 * }</pre>
 */
public final class KerasWeightLayout {

    private KerasWeightLayout() {
    }

    /**
     * The weights of {@code layer}, held by {@code dl4j} (the DL4J layer its parameters went to).
     * For a kind of layer keras4j has no Keras layout for yet, reading or writing them throws
     * {@link UnsupportedOperationException} naming the layer.
     */
    public static LayerWeights of(Layer layer, org.deeplearning4j.nn.api.Layer dl4j) {
        dl4j = unwrapped(dl4j);
        List<Mapping> mappings = mappings(layer, dl4j);
        return mappings == null ? new Unavailable(layer + ": getWeights / setWeights in Keras's layout are not available"
                + " for " + layer.className() + " yet (available: Dense, Conv1D, Conv2D, Conv2DTranspose, DepthwiseConv2D,"
                + " SeparableConv2D, SimpleRNN, LSTM, GRU, Bidirectional, BatchNormalization, Embedding, TimeDistributed"
                + " of these)") : new Bound(layer.toString(), mappings, dl4j);
    }

    /** The layer holding the parameter views: LastTimeStep, TimeDistributed and frozen wrappers delegate to it. */
    static org.deeplearning4j.nn.api.Layer unwrapped(org.deeplearning4j.nn.api.Layer dl4j) {
        while (dl4j instanceof BaseWrapperLayer wrapper) {
            dl4j = wrapper.getUnderlying();
        }
        return dl4j;
    }

    /** One Keras weight: its name, the DL4J parameter holding it, and how the two layouts relate. */
    private record Mapping(String name, String key, Transform transform) {
    }

    private static List<Mapping> mappings(Layer layer, org.deeplearning4j.nn.api.Layer dl4j) {
        if (layer instanceof TimeDistributed td) {
            return mappings(td.layer(), dl4j); // the inner layer's weights, shared by every step
        }
        List<Mapping> out = layer instanceof Bidirectional b ? bidirectional(b, dl4j) : kerasMappings(layer, dl4j);
        if (out != null) {
            out.removeIf(m -> !dl4j.paramTable().containsKey(m.key())); // no bias, or BatchNormalization without gamma / beta
        }
        return out;
    }

    /**
     * DL4J's bidirectional layer holds the forward layer's parameters prefixed "f", then the
     * backward's prefixed "b"; on keras4j's recurrent layers, each half in Keras's layout.
     */
    private static List<Mapping> bidirectional(Bidirectional b, org.deeplearning4j.nn.api.Layer dl4j) {
        List<Mapping> out = new ArrayList<>();
        for (BaseRNN<?> half : List.of(b.forwardLayer(), b.backwardLayer())) {
            String prefix = half == b.forwardLayer() ? "f" : "b";
            org.deeplearning4j.nn.api.Layer holder = dl4j instanceof BidirectionalRecurrentLayer pair
                    ? (half == b.forwardLayer() ? pair.forwardLayer() : pair.backwardLayer()) : dl4j;
            List<Mapping> inner = kerasMappings(half, holder);
            if (inner == null) {
                return null;
            }
            for (Mapping m : inner) {
                out.add(new Mapping(half.name() + "/" + m.name(), prefix + m.key(), m.transform()));
            }
        }
        return out;
    }

    /** The Keras weights of a layer and the DL4J parameters holding them, or null for a layer without a layout yet. */
    private static List<Mapping> kerasMappings(Layer layer, org.deeplearning4j.nn.api.Layer dl4j) {
        List<Mapping> out = new ArrayList<>();
        if (layer instanceof Embedding) {
            out.add(new Mapping("embeddings", "W", SAME)); // [inputDim, outputDim] in both
        } else if (layer instanceof Dense || layer instanceof Conv2D || layer instanceof Conv1D
                || layer instanceof DepthwiseConv2D) {
            Transform kernel = layer instanceof Conv2D ? CONV2D : layer instanceof Conv1D ? CONV1D : SAME;
            out.add(new Mapping(layer instanceof DepthwiseConv2D ? "depthwise_kernel" : "kernel", "W", kernel));
            out.add(new Mapping("bias", "b", VECTOR));
        } else if (layer instanceof SeparableConv2D) {
            // DL4J's depthwise [dm, in, kh, kw] and pointwise [out, in * dm, 1, 1] permute as Conv2D kernels do
            out.add(new Mapping("depthwise_kernel", "W", CONV2D));
            out.add(new Mapping("pointwise_kernel", "pW", CONV2D));
            out.add(new Mapping("bias", "b", VECTOR));
        } else if (layer instanceof Conv2DTranspose) {
            // DL4J [in, out, kh, kw], Keras [kh, kw, out, in]: the same permutation
            out.add(new Mapping("kernel", "W", CONV2D));
            out.add(new Mapping("bias", "b", VECTOR));
        } else if (dl4j instanceof KerasRecurrentLayer) {
            // keras4j's recurrent layer keeps Keras's layout and gate order; a GRU's [2, 3u] bias is Keras's shape too
            out.add(new Mapping("kernel", "W", SAME));
            out.add(new Mapping("recurrent_kernel", "RW", SAME));
            INDArray bias = dl4j.paramTable().get("b");
            out.add(new Mapping("bias", "b", bias != null && bias.rows() > 1 ? SAME : VECTOR));
        } else if (layer instanceof SimpleRNN || layer instanceof LSTM) {
            Transform matrix = layer instanceof LSTM ? LSTM_GATES : SAME;
            out.add(new Mapping("kernel", "W", matrix));
            out.add(new Mapping("recurrent_kernel", "RW", matrix));
            out.add(new Mapping("bias", "b", layer instanceof LSTM ? LSTM_GATES_VECTOR : VECTOR));
        } else if (layer instanceof BatchNormalization) {
            out.add(new Mapping("gamma", "gamma", VECTOR));
            out.add(new Mapping("beta", "beta", VECTOR));
            out.add(new Mapping("moving_mean", "mean", VECTOR));
            out.add(new Mapping("moving_variance", "var", VECTOR));
        } else {
            return null;
        }
        return out;
    }

    private record Unavailable(String message) implements LayerWeights {
        @Override
        public List<INDArray> get() {
            throw new UnsupportedOperationException(message);
        }

        @Override
        public void set(List<INDArray> weights) {
            throw new UnsupportedOperationException(message);
        }
    }

    private record Bound(String layer, List<Mapping> mappings, org.deeplearning4j.nn.api.Layer dl4j)
            implements LayerWeights {

        @Override
        public List<INDArray> get() {
            List<INDArray> out = new ArrayList<>();
            for (Mapping m : mappings) {
                out.add(m.transform().toKeras(dl4j.getParam(m.key())));
            }
            return out;
        }

        @Override
        public void set(List<INDArray> weights) {
            if (weights == null || weights.size() != mappings.size()) {
                throw new IllegalArgumentException(layer + ": setWeights expects " + mappings.size() + " arrays ("
                        + describe() + "), got " + (weights == null ? "null" : weights.size()));
            }
            for (int i = 0; i < weights.size(); i++) { // every shape first: nothing is written if one is wrong
                long[] expected = mappings.get(i).transform().kerasShape(dl4j.getParam(mappings.get(i).key()));
                INDArray w = weights.get(i);
                if (w == null || !Arrays.equals(expected, w.shape())) {
                    throw new IllegalArgumentException(layer + ": weight " + i + " (" + mappings.get(i).name()
                            + ") expects shape " + Arrays.toString(expected) + ", got "
                            + (w == null ? "null" : Arrays.toString(w.shape())));
                }
            }
            for (int i = 0; i < weights.size(); i++) {
                INDArray view = dl4j.getParam(mappings.get(i).key());
                mappings.get(i).transform().fromKeras(weights.get(i).castTo(view.dataType()), view);
            }
        }

        private String describe() {
            List<String> parts = new ArrayList<>();
            for (Mapping m : mappings) {
                parts.add(m.name() + " " + Arrays.toString(m.transform().kerasShape(dl4j.getParam(m.key()))));
            }
            return String.join(", ", parts);
        }
    }

    /** How one DL4J parameter view and its Keras array relate. */
    private interface Transform {
        /** A copy of the view in Keras's layout. */
        INDArray toKeras(INDArray view);

        /** Writes the Keras-layout {@code keras} into the DL4J view. */
        void fromKeras(INDArray keras, INDArray view);

        long[] kerasShape(INDArray view);
    }

    /** Dense and SimpleRNN matrices, DepthwiseConv2D's kernel: the same shape in both. */
    private static final Transform SAME = new Transform() {
        @Override
        public INDArray toKeras(INDArray view) {
            return view.dup('c');
        }

        @Override
        public void fromKeras(INDArray keras, INDArray view) {
            view.assign(keras);
        }

        @Override
        public long[] kerasShape(INDArray view) {
            return view.shape();
        }
    };

    /** Biases and BatchNormalization's vectors: DL4J's {@code [1, n]} row, Keras's {@code [n]}. */
    private static final Transform VECTOR = new Transform() {
        @Override
        public INDArray toKeras(INDArray view) {
            return view.dup('c').reshape(view.length());
        }

        @Override
        public void fromKeras(INDArray keras, INDArray view) {
            view.assign(keras.reshape(view.shape()));
        }

        @Override
        public long[] kerasShape(INDArray view) {
            return new long[] {view.length()};
        }
    };

    /** Conv2D: DL4J {@code [out, in, kh, kw]}, Keras {@code [kh, kw, in, out]}. */
    private static final Transform CONV2D = new Transform() {
        @Override
        public INDArray toKeras(INDArray view) {
            return view.permute(2, 3, 1, 0).dup('c');
        }

        @Override
        public void fromKeras(INDArray keras, INDArray view) {
            view.assign(keras.permute(3, 2, 0, 1));
        }

        @Override
        public long[] kerasShape(INDArray view) {
            long[] s = view.shape();
            return new long[] {s[2], s[3], s[1], s[0]};
        }
    };

    /** Conv1D, run as a {@code (k, 1)} convolution: DL4J {@code [out, in, k, 1]}, Keras {@code [k, in, out]}. */
    private static final Transform CONV1D = new Transform() {
        @Override
        public INDArray toKeras(INDArray view) {
            long[] s = view.shape();
            return view.permute(2, 3, 1, 0).dup('c').reshape(s[2], s[1], s[0]);
        }

        @Override
        public void fromKeras(INDArray keras, INDArray view) {
            long[] s = keras.shape();
            view.assign(keras.dup('c').reshape(s[0], 1, s[1], s[2]).permute(3, 2, 0, 1));
        }

        @Override
        public long[] kerasShape(INDArray view) {
            long[] s = view.shape();
            return new long[] {s[2], s[1], s[0]};
        }
    };

    /**
     * LSTM matrices {@code [rows, 4u]}: four column blocks of {@code u}, the gates in DL4J's order
     * {@code c, f, o, i} (block input first), in Keras's {@code i, f, c, o}.
     */
    private static final Transform LSTM_GATES = new Transform() {
        @Override
        public INDArray toKeras(INDArray view) {
            return gates(view, true);
        }

        @Override
        public void fromKeras(INDArray keras, INDArray view) {
            view.assign(gates(keras, false));
        }

        @Override
        public long[] kerasShape(INDArray view) {
            return view.shape();
        }
    };

    /** The LSTM bias: DL4J's {@code 4u} values in DL4J's gate order, Keras's {@code [4u]} in its own. */
    private static final Transform LSTM_GATES_VECTOR = new Transform() {
        @Override
        public INDArray toKeras(INDArray view) {
            return gates(view.reshape(1, view.length()), true).reshape(view.length());
        }

        @Override
        public void fromKeras(INDArray keras, INDArray view) {
            view.assign(gates(keras.reshape(1, keras.length()), false).reshape(view.shape()));
        }

        @Override
        public long[] kerasShape(INDArray view) {
            return new long[] {view.length()};
        }
    };

    /** For each Keras gate block (i, f, c, o), the DL4J block holding it. */
    private static final int[] DL4J_GATE_BLOCK = {3, 1, 0, 2};

    /** A copy of {@code matrix} {@code [rows, 4u]} with its gate blocks in Keras's order (or, reversed, DL4J's). */
    private static INDArray gates(INDArray matrix, boolean toKeras) {
        long u = matrix.size(1) / 4;
        INDArray out = Nd4j.create(matrix.dataType(), matrix.size(0), 4 * u);
        for (int k = 0; k < 4; k++) {
            int from = toKeras ? DL4J_GATE_BLOCK[k] : k;
            int to = toKeras ? k : DL4J_GATE_BLOCK[k];
            out.get(NDArrayIndex.all(), NDArrayIndex.interval(to * u, (to + 1) * u))
                    .assign(matrix.get(NDArrayIndex.all(), NDArrayIndex.interval(from * u, (from + 1) * u)));
        }
        return out;
    }
}
