package org.keras4j.internal.dl4j.layers;

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
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.shade.jackson.annotation.JsonAutoDetect;

/**
 * Keras's {@code Masking} on NWC sequences {@code [batch, timesteps, features]}:
 * {@code output = input * mask} with {@code mask[b, t] = any(input[b, t, :] != maskValue)}, and
 * the gradient {@code epsilon * mask}. The mask is recomputed from the layer's own input (the
 * model's input, which keras4j also turns into DL4J's features mask for the layers after it).
 *
 * <pre>{@code
 * list.layer(new KerasMaskingLayer(0.0));
 * }</pre>
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class KerasMaskingLayer extends ShapeOnlyLayer {
    private double maskValue;

    /** For DL4J's JSON configuration. */
    public KerasMaskingLayer() {
    }

    public KerasMaskingLayer(double maskValue, String name) {
        this.maskValue = maskValue;
        this.layerName = name;
    }

    public double maskValue() {
        return maskValue;
    }

    @Override
    protected org.deeplearning4j.nn.api.Layer create(NeuralNetConfiguration conf, DataType networkDataType) {
        return new Impl(conf, networkDataType);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    /** The running layer. */
    static final class Impl extends AbstractLayer<KerasMaskingLayer> {
        Impl(NeuralNetConfiguration conf, DataType dataType) {
            super(conf, dataType);
        }

        /** {@code [batch, timesteps]}: 1 where some feature differs from the mask value. */
        private INDArray stepMask() {
            if (input.rank() != 3) {
                throw new IllegalStateException("internal: Masking '" + layerConf().getLayerName() + "' expects input"
                        + " [batch, timesteps, features], got rank " + input.rank());
            }
            return input.neq(layerConf().maskValue).castTo(input.dataType()).max(2);
        }

        @Override
        public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(false);
            INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, input.dataType(), input.shape(), 'c');
            Broadcast.mul(input, stepMask(), out, 0, 1);
            return out;
        }

        @Override
        public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
            assertInputSet(true);
            INDArray grad = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, epsilon.dataType(), epsilon.shape(),
                    'c');
            Broadcast.mul(epsilon, stepMask().castTo(epsilon.dataType()), grad, 0, 1);
            return new Pair<>(new DefaultGradient(), grad);
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
            throw new UnsupportedOperationException("not supported");
        }
    }
}
