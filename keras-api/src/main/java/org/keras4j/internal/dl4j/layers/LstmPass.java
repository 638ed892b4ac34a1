package org.keras4j.internal.dl4j.layers;

import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A fused pass of DL4J's LSTM (tanh, sigmoid gates, no peepholes) over sequences of one shape,
 * run by {@link ColumnMajorLstm}: {@link HoistedLstmSteps} for floats, {@link LstmSteps} for
 * doubles. Keeps its forward pass for the backward pass of the same input.
 *
 * <pre>{@code
 * LstmPass pass = new HoistedLstmSteps(batch, timeSteps, nIn, nOut);
 * pass.forward(ncwInput, w, r, b);
 * INDArray h = pass.outputNcw(workspaceMgr);                 // [batch, nOut, timeSteps]
 * pass.backward(epsilonNcw, wGradient, rGradient, bGradient);
 * INDArray epsilon = pass.inputGradientNcw(workspaceMgr);    // [batch, nIn, timeSteps]
 * }</pre>
 */
interface LstmPass {

    /** Whether this instance runs sequences of this shape and type. */
    boolean fits(long batch, long steps, long inputs, long units, DataType dataType);

    /**
     * The forward pass over {@code ncw} ({@code [batch, nIn, steps]}, any strides) with input
     * weights {@code w [nIn, 4n]}, recurrent weights {@code r [n, 4n]} and bias {@code b [1, 4n]},
     * gates in DL4J's order {@code [a, f, o, i]}.
     */
    void forward(INDArray ncw, INDArray w, INDArray r, INDArray b);

    /** The outputs {@code h} of the last forward pass, {@code [batch, n, steps]}, in {@code ACTIVATIONS}. */
    INDArray outputNcw(LayerWorkspaceMgr mgr);

    /**
     * The backward pass of the last forward pass for {@code epsilonNcw} ({@code [batch, n, steps]},
     * any strides); writes the gradients of {@code W}, {@code R} and {@code b} into the three arrays.
     */
    void backward(INDArray epsilonNcw, INDArray wGradient, INDArray rGradient, INDArray bGradient);

    /** The input gradient of the last backward pass, {@code [batch, nIn, steps]}, in {@code ACTIVATION_GRAD}. */
    INDArray inputGradientNcw(LayerWorkspaceMgr mgr);
}
