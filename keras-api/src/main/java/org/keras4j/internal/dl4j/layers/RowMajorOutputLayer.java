package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's output layer with its forward product written straight into its activations
 * ({@link DenseForward}) and, for a softmax with categorical cross-entropy, its training backward
 * pass and score computed once ({@link SoftmaxCrossentropyOutput}); everything else is DL4J's.
 * {@link KerasOutputLayer} instantiates it.
 *
 * <pre>{@code
 * Layer layer = new KerasOutputLayer(outputConf).instantiate(conf, listeners, 1, params, true, DataType.FLOAT);
 * }</pre>
 */
public class RowMajorOutputLayer extends org.deeplearning4j.nn.layers.OutputLayer {

    /** Null when {@value SoftmaxCrossentropyOutput#PROPERTY} was false when the layer was created. */
    private final SoftmaxCrossentropyOutput fused = SoftmaxCrossentropyOutput.enabled() ? new SoftmaxCrossentropyOutput() : null;

    public RowMajorOutputLayer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    protected Pair<INDArray, INDArray> preOutputWithPreNorm(boolean training, boolean forBackprop,
                                                            LayerWorkspaceMgr workspaceMgr) {
        Pair<INDArray, INDArray> z = DenseForward.preOutput(this, forBackprop, workspaceMgr);
        return z != null ? z : super.preOutputWithPreNorm(training, forBackprop, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        Pair<Gradient, INDArray> result = null;
        if (fused != null) {
            assertInputSet(true);
            result = fused.backprop(this, gradientViews.get(DefaultParamInitializer.WEIGHT_KEY),
                    gradientViews.get(DefaultParamInitializer.BIAS_KEY), workspaceMgr);
        }
        return result != null ? result : super.backpropGradient(epsilon, workspaceMgr);
    }

    /** DL4J's score, from the loss the fused backward pass computed when it ran on this input and these labels. */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        // a mask set after the backward pass (a graph sets its label masks here) gets DL4J's score
        Double sum = fused == null || !training || maskArray != null ? null
                : fused.takeScore(input, labels, getIterationCount());
        if (sum == null) {
            return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        }
        double s = sum;
        if (conf().isMiniBatch()) {
            s /= getInputMiniBatchSize();
        }
        score = s + fullNetRegTerm;
        return score;
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        forgetScore();
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        forgetScore();
        super.setLabels(labels);
    }

    @Override
    public void clear() {
        super.clear();
        forgetScore();
    }

    private void forgetScore() {
        if (fused != null) {
            fused.forget();
        }
    }
}
