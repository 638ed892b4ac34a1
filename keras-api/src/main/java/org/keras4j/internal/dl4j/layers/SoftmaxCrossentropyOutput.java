package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.keras4j.backend.Backend;
import org.keras4j.internal.HostArrays;
import org.keras4j.internal.dl4j.losses.OutputLayerLoss;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

/**
 * The training backward pass and score of an output layer with a softmax and DL4J's categorical
 * cross-entropy ({@code LossMCXENT}), computed once: the product {@code z = x W + b} in OpenBLAS
 * ({@link LayoutGemm}), softmax, {@code dL/dz = p - y}, the bias gradient and the loss in one
 * loop over host copies of the {@code [batch, classes]} values, then the weight and input
 * gradients in OpenBLAS. DL4J 1.0.0-M2.1 computes the product, the softmax and the loss's inputs
 * once for the gradient and again for the score, about 17 ND4J operations at 20-50 µs each
 * for a few thousand values (W1's 10-class output layer); this is three BLAS calls and five
 * small copies. The score is kept for the {@code computeScore} call that follows on the same
 * input and labels.
 *
 * <p>It declines (returns null, and the caller runs DL4J) any other activation or loss, class
 * weights, masks, dropout, weight noise, layer normalization, data types other than FLOAT,
 * inputs that are not 2D and non-CPU backends. Off with {@value #PROPERTY}{@code =false}, read
 * when the layer is created.
 *
 * <pre>{@code
 * Pair<Gradient, INDArray> r = fused.backprop(this, gradientViews.get("W"), gradientViews.get("b"), workspaceMgr);   // null: run super.backpropGradient
 * Double sum = fused.takeScore(input, labels, iteration);            // null: compute the score as DL4J does
 * }</pre>
 */
final class SoftmaxCrossentropyOutput {
    /** System property: false keeps DL4J's output layer backward pass. */
    static final String PROPERTY = "keras4j.dense.fusedOutput";

    private final LayoutGemm gemm = new LayoutGemm(DataType.FLOAT);
    /** z, then dL/dz: a native buffer reused while the batch size stays. */
    private INDArray delta;
    private float[] z;
    private float[] y;
    private float[] bias;
    private float[] biasGradient;

    private INDArray scoredInput;
    private INDArray scoredLabels;
    private int scoredIteration;
    private double scoreSum = Double.NaN;

    /** Whether the fused path is on ({@value #PROPERTY}, default true). */
    static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** The loss's clip epsilon when {@code conf} is a softmax with unweighted {@code LossMCXENT}, else NaN. */
    static double clipEpsilon(OutputLayer conf) {
        ILossFunction loss = conf.getLossFn();
        ILossFunction inner = loss instanceof OutputLayerLoss wrapped ? wrapped.getLoss() : loss;
        if (conf.getActivationFn() == null || conf.getActivationFn().getClass() != ActivationSoftmax.class
                || inner == null || inner.getClass() != LossMCXENT.class || ((LossMCXENT) inner).getWeights() != null) {
            return Double.NaN;
        }
        return ((LossMCXENT) inner).getSoftmaxClipEps();
    }

    /**
     * DL4J's {@code BaseOutputLayer.backpropGradient} for this loss (weight and bias gradients into
     * the layer's gradient views, the input's gradient in the {@code ACTIVATION_GRAD} workspace), or
     * null when this does not cover the layer's settings or arrays.
     */
    Pair<Gradient, INDArray> backprop(org.deeplearning4j.nn.layers.OutputLayer layer, INDArray weightGradient,
                                      INDArray biasGradientView, LayerWorkspaceMgr workspaceMgr) {
        scoreSum = Double.NaN;
        OutputLayer conf = (OutputLayer) layer.layerConf();
        double clip = clipEpsilon(conf);
        INDArray input = layer.input();
        INDArray labels = layer.getLabels();
        INDArray weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray biasView = layer.hasBias() ? layer.getParam(DefaultParamInitializer.BIAS_KEY) : null;
        if (Double.isNaN(clip) || !Backend.isCpu() || layer.getMaskArray() != null || layer.hasLayerNorm()
                || conf.getIDropout() != null || conf.getWeightNoise() != null
                || !gemm.accepts(input) || !gemm.accepts(weights) || !gemm.accepts(weightGradient)
                || labels == null || labels.dataType() != DataType.FLOAT || labels.rank() != 2
                || input.columns() != conf.getNIn() || labels.rows() != input.rows() || labels.columns() != conf.getNOut()
                || (biasView != null && (biasGradientView == null || biasView.dataType() != DataType.FLOAT || !HostArrays.rowMajorContiguous(biasGradientView)))
                || input.rows() * conf.getNOut() > Integer.MAX_VALUE) {
            return null;
        }
        int rows = (int) input.rows();
        int cols = (int) conf.getNOut();
        if (delta == null || delta.rows() != rows || delta.columns() != cols) {
            try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
                delta = Nd4j.createUninitialized(DataType.FLOAT, rows, cols);
            }
        }
        gemm.multiply(input, false, weights, false, delta);
        z = HostArrays.readFloats(delta, z);
        y = HostArrays.readFloats(labels, y);
        if (biasView != null) {
            bias = HostArrays.readFloats(biasView, bias);
            if (biasGradient == null || biasGradient.length != cols) {
                biasGradient = new float[cols];
            }
        }
        double sum = softmaxCrossentropy(z, y, bias, biasGradient, rows, cols, clip);
        HostArrays.write(z, delta);

        Gradient gradient = new DefaultGradient();
        gemm.multiply(input, true, delta, false, weightGradient);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (biasView != null) {
            HostArrays.write(biasGradient, biasGradientView);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradientView);
        }
        INDArray epsilon = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, rows, conf.getNIn());
        gemm.multiply(delta, false, weights, true, epsilon);

        scoredInput = input;
        scoredLabels = labels;
        scoredIteration = layer.getIterationCount();
        scoreSum = sum;
        return new Pair<>(gradient, epsilon);
    }

    /**
     * The sum over the batch of the loss computed by the last {@link #backprop} when it was for
     * this input, these labels and this iteration, once; else null.
     */
    Double takeScore(INDArray input, INDArray labels, int iteration) {
        boolean same = !Double.isNaN(scoreSum) && input == scoredInput && labels == scoredLabels
                && iteration == scoredIteration;
        double sum = scoreSum;
        forget();
        return same ? sum : null;
    }

    /** Drops the kept score and the references to the arrays it was computed from. */
    void forget() {
        scoreSum = Double.NaN;
        scoredInput = null;
        scoredLabels = null;
    }

    /**
     * Replaces {@code z} ({@code [rows, cols]} row-major, before the bias) by {@code softmax(z + b) - y},
     * writes the column sums of that into {@code biasGradient} (when {@code bias} is not null) and
     * returns the sum over rows of {@code -sum(y log clip(p))}, as DL4J's {@code LossMCXENT} does.
     */
    static double softmaxCrossentropy(float[] z, float[] y, float[] bias, float[] biasGradient, int rows, int cols,
                                      double clip) {
        if (bias != null) {
            java.util.Arrays.fill(biasGradient, 0f);
        }
        double sum = 0.0;
        for (int r = 0; r < rows; r++) {
            int start = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int c = 0; c < cols; c++) {
                float v = bias != null ? z[start + c] + bias[c] : z[start + c];
                z[start + c] = v;
                max = Math.max(max, v);
            }
            double total = 0.0;
            for (int c = 0; c < cols; c++) {
                double e = Math.exp((double) z[start + c] - max);
                z[start + c] = (float) e;
                total += e;
            }
            for (int c = 0; c < cols; c++) {
                float p = (float) (z[start + c] / total);
                float label = y[start + c];
                if (label != 0f) {
                    double clipped = clip > 0 ? Math.min(Math.max(p, clip), 1 - clip) : p;
                    sum -= label * Math.log(clipped);
                }
                float d = p - label;
                z[start + c] = d;
                if (bias != null) {
                    biasGradient[c] += d;
                }
            }
        }
        return sum;
    }
}
