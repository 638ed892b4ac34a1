package org.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Regression metrics against values worked out by hand, accumulated over batches. */
class RegressionMetricsTest {
    private static INDArray rows(double[]... rows) {
        return Nd4j.createFromArray(rows);
    }

    @Test
    void meanSquaredError_averagesOverAllSamplesSeen() {
        MeanSquaredError mse = new MeanSquaredError();
        mse.update(rows(new double[] {0, 1}, new double[] {0, 0}), rows(new double[] {1, 1}, new double[] {0, 0}));
        assertEquals(0.25, mse.result(), 1e-12);
        mse.update(rows(new double[] {0, 0}), rows(new double[] {2, 2}));
        // per-sample [0.5, 0, 4]
        assertEquals(1.5, mse.result(), 1e-12);
    }

    @Test
    void meanAbsoluteError_averagesOverAllSamplesSeen() {
        MeanAbsoluteError mae = new MeanAbsoluteError();
        mae.update(rows(new double[] {0, 1}, new double[] {0, 0}), rows(new double[] {1, 1}, new double[] {0, 0}));
        assertEquals(0.25, mae.result(), 1e-12);
        mae.reset();
        mae.update(rows(new double[] {1}), rows(new double[] {-2}));
        assertEquals(3.0, mae.result(), 1e-12);
    }

    @Test
    void meanAbsolutePercentageError_isHundredTimesRelativeError() {
        MeanAbsolutePercentageError mape = new MeanAbsolutePercentageError();
        mape.update(rows(new double[] {2, 4}), rows(new double[] {1, 5}));
        assertEquals(37.5, mape.result(), 1e-10);
    }

    @Test
    void rootMeanSquaredError_matchesKerasDocstringExample() {
        RootMeanSquaredError rmse = new RootMeanSquaredError();
        rmse.update(rows(new double[] {0, 1}, new double[] {0, 0}), rows(new double[] {1, 1}, new double[] {0, 0}));
        assertEquals(0.5, rmse.result(), 1e-12);
    }

    @Test
    void rootMeanSquaredError_isRootOfOverallMeanNotMeanOfRoots() {
        RootMeanSquaredError rmse = new RootMeanSquaredError();
        rmse.update(rows(new double[] {0}), rows(new double[] {3}));
        rmse.update(rows(new double[] {0}), rows(new double[] {1}));
        // sqrt((9 + 1) / 2), not (3 + 1) / 2
        assertEquals(Math.sqrt(5), rmse.result(), 1e-12);
        rmse.reset();
        assertEquals(0.0, rmse.result(), 0);
    }
}
