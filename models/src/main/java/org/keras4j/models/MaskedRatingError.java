package org.keras4j.models;

import java.util.Arrays;
import org.keras4j.losses.Loss;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Mean squared error over the rated entries only: a target of 0 means "not rated" and is left
 * out. {@link #compute} is the mean over every rated entry of the batch (not a mean of
 * per-user means), so one validation batch of every user gives the held-out MSE exactly;
 * {@link #call} gives each user's own mean (0 for a user without ratings).
 *
 * <pre>{@code
 * double mse = new MaskedRatingError().compute(heldOut, predictedRatings);
 * }</pre>
 */
final class MaskedRatingError extends Loss {
    MaskedRatingError() {
        super(false);
    }

    @Override
    public INDArray call(INDArray yTrue, INDArray yPred) {
        INDArray[] parts = parts(yTrue, yPred);
        INDArray counts = parts[1].sum(1);
        return parts[0].sum(1).divi(Transforms.max(counts, 1.0, false)).castTo(yPred.dataType());
    }

    @Override
    public double compute(INDArray yTrue, INDArray yPred, INDArray sampleWeight) {
        INDArray[] parts = parts(yTrue, yPred);
        double rated = parts[1].sumNumber().doubleValue();
        return rated == 0 ? 0 : parts[0].sumNumber().doubleValue() / rated;
    }

    /** Squared errors on rated entries and the mask, in double precision. */
    private static INDArray[] parts(INDArray yTrue, INDArray yPred) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape())) {
            throw new IllegalArgumentException("ratings and predictions must have the same shape [users, items]: got "
                    + Arrays.toString(yTrue.shape()) + " and " + Arrays.toString(yPred.shape()));
        }
        INDArray t = yTrue.castTo(DataType.DOUBLE);
        INDArray mask = t.gt(0).castTo(DataType.DOUBLE);
        INDArray sq = Transforms.pow(yPred.castTo(DataType.DOUBLE).sub(t), 2, false).muli(mask);
        return new INDArray[] {sq, mask};
    }

    @Override
    public String identifier() {
        return "masked_rating_error";
    }

}
