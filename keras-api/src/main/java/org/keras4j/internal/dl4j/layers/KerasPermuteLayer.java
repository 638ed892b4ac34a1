package org.keras4j.internal.dl4j.layers;

import java.util.Arrays;
import org.deeplearning4j.nn.api.MaskState;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * Keras's {@code Permute}: moves the values of each sample so that output axis {@code i} is input
 * axis {@code permutation[i]} (0-based, batch excluded). Activations hold Keras's c-order
 * elements whatever DL4J layout they are viewed in, so the layer reads its input as the Keras
 * shape, permutes and copies, and hands the result on in the layout of the next layer's choice
 * ({@code outputType}); the gradient takes the inverse permutation. A Keras mask ends here, as
 * Permute does not support masking.
 *
 * <pre>{@code
 * list.layer(new KerasPermuteLayer(new long[] {10, 64}, new int[] {1, 0}, InputType.recurrent(10, 64), "permute"));
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class KerasPermuteLayer extends ShapeOnlyLayer {
    private long[] kerasInput;
    private int[] permutation;
    private InputType outputType;

    /** For DL4J's JSON configuration. */
    public KerasPermuteLayer() {
    }

    /**
     * @param kerasInput the Keras input shape of one sample
     * @param permutation output axis {@code i} takes input axis {@code permutation[i]}, 0-based
     * @param outputType the DL4J type of the permuted activations
     */
    public KerasPermuteLayer(long[] kerasInput, int[] permutation, InputType outputType, String name) {
        this.kerasInput = kerasInput.clone();
        this.permutation = permutation.clone();
        this.outputType = outputType;
        this.layerName = name;
    }

    @Override
    protected org.deeplearning4j.nn.api.Layer create(NeuralNetConfiguration conf, DataType networkDataType) {
        return new Impl(conf, networkDataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return outputType;
    }

    /** The running layer. */
    static final class Impl extends AbstractLayer<KerasPermuteLayer> {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            KerasPermuteLayer c = layerConf();
            long[] outShape = new long[c.permutation.length + 1];
            outShape[0] = input.size(0);
            for (int i = 0; i < c.permutation.length; i++) {
                outShape[i + 1] = c.kerasInput[c.permutation[i]];
            }
            INDArray permuted = move(input, withBatch(input.size(0), c.kerasInput), batchAxes(c.permutation), workspaceMgr,
                    ArrayType.ACTIVATIONS);
            return permuted.reshape('c', dl4jShape(input.size(0), c.outputType));
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            KerasPermuteLayer c = layerConf();
            long[] kerasOutput = new long[c.permutation.length];
            int[] inverse = new int[c.permutation.length];
            for (int i = 0; i < c.permutation.length; i++) {
                kerasOutput[i] = c.kerasInput[c.permutation[i]];
                inverse[c.permutation[i]] = i;
            }
            INDArray grad = move(epsilon, withBatch(epsilon.size(0), kerasOutput), batchAxes(inverse), workspaceMgr,
                    ArrayType.ACTIVATION_GRAD);
            return new Pair<>(new DefaultGradient(), grad.reshape('c', input.shape()));
        }

        /** {@code a} viewed as {@code shape} (c order), permuted by {@code axes}, copied to a c-order array. */
        private static INDArray move(INDArray a, long[] shape, int[] axes, LayerWorkspaceMgr workspaceMgr, ArrayType type) {
            INDArray in = a.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a)
                    ? a : workspaceMgr.dup(type, a, 'c');
            return workspaceMgr.dup(type, in.reshape('c', shape).permute(axes), 'c');
        }

        private static long[] withBatch(long batch, long[] dims) {
            long[] out = new long[dims.length + 1];
            out[0] = batch;
            System.arraycopy(dims, 0, out, 1, dims.length);
            return out;
        }

        private static int[] batchAxes(int[] permutation) {
            int[] axes = new int[permutation.length + 1];
            for (int i = 0; i < permutation.length; i++) {
                axes[i + 1] = permutation[i] + 1;
            }
            return axes;
        }

        private static long[] dl4jShape(long batch, InputType type) {
            long[] perExample = type.getShape(false);
            return withBatch(batch, perExample);
        }

        @Override
        public Pair<INDArray, MaskState> feedForwardMaskArray(INDArray maskArray, MaskState currentMaskState,
                                                              int minibatchSize) {
            this.maskArray = null;
            return new Pair<>(null, null);
        }

        @Override
        public boolean isPretrainLayer() {
            return false;
        }

        @Override
        public void clearNoiseWeightParams() {
        }

        @Override
        public org.deeplearning4j.nn.api.Layer clone() {
            throw new UnsupportedOperationException("not supported: " + Arrays.toString(layerConf().permutation));
        }
    }
}
