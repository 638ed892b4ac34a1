package org.keras4j.internal.dl4j.losses;

import org.keras4j.losses.CosineSimilarity;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's cosine similarity loss in DL4J. With {@code u = y / max(||y||, eps)} and
 * {@code v = a / ||a||}, the derivative of {@code -u.v} is {@code -(u - (u.v) v) / ||a||}; an
 * output whose norm is below eps is divided by eps instead, so its derivative is {@code -u / eps}.
 *
 * <pre>{@code
 * new OutputLayer.Builder().lossFunction(new CosineSimilarityLoss())
 * }</pre>
 */
public class CosineSimilarityLoss extends KerasLossFunction {
    @Override
    protected Loss createFormula() {
        return new CosineSimilarity();
    }

    @Override
    protected INDArray preOutputGradient(INDArray labels, INDArray preOutput, IActivation activation) {
        INDArray output = activate(activation, preOutput);
        INDArray u = CosineSimilarity.l2Normalize(labels);
        INDArray norms = output.norm2(true, 1);
        INDArray safeNorms = Transforms.max(norms, Loss.EPSILON, true);
        INDArray v = output.divColumnVector(safeNorms);
        INDArray dot = u.mul(v).sum(true, 1);
        INDArray aboveEps = norms.gt(Loss.EPSILON).castTo(output.dataType());
        // above eps: -(u - dot * v) / ||a||; below: the normalisation is a / eps, linear in a
        INDArray curved = u.sub(v.mulColumnVector(dot)).divColumnVector(safeNorms).mulColumnVector(aboveEps);
        INDArray linear = u.div(Loss.EPSILON).mulColumnVector(aboveEps.rsub(1.0));
        return backprop(activation, preOutput, curved.addi(linear).negi());
    }
}
