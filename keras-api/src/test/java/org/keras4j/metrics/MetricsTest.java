package org.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.keras4j.losses.BinaryCrossentropy;
import org.keras4j.losses.CategoricalCrossentropy;
import org.keras4j.losses.SparseCategoricalCrossentropy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The metric registry: Keras's identifiers, accuracy resolution, copies and config round trips. */
class MetricsTest {
    @Test
    void accuracy_oneOutputUnitIsBinaryAccuracy() {
        Metric m = Metrics.get("accuracy", new BinaryCrossentropy(), 1);
        assertInstanceOf(BinaryAccuracy.class, m);
        assertEquals("accuracy", m.name());
    }

    @Test
    void accuracy_sparseLossIsSparseCategoricalAccuracy() {
        Metric m = Metrics.get("acc", new SparseCategoricalCrossentropy(), 10);
        assertInstanceOf(SparseCategoricalAccuracy.class, m);
        assertEquals("acc", m.name());
    }

    @Test
    void accuracy_severalUnitsIsCategoricalAccuracy() {
        Metric m = Metrics.get("Accuracy", new CategoricalCrossentropy(), 10);
        assertInstanceOf(CategoricalAccuracy.class, m);
        assertEquals("accuracy", m.name());
    }

    @Test
    void accuracy_withoutLoss_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("accuracy"));
        assertTrue(e.getMessage().startsWith("'accuracy' depends on the loss"), e.getMessage());
    }

    @Test
    void get_logsUnderTheNameGiven() {
        assertEquals("mse", Metrics.get("mse").name());
        assertInstanceOf(MeanSquaredError.class, Metrics.get("mse"));
        assertEquals("mean_absolute_error", Metrics.get("mean_absolute_error").name());
        assertInstanceOf(RootMeanSquaredError.class, Metrics.get("root_mean_squared_error", new BinaryCrossentropy(), 1));
    }

    @Test
    void get_resolvesKerasIdentifiers() {
        assertInstanceOf(AUC.class, Metrics.get("auc"));
        assertInstanceOf(AUC.class, Metrics.get("AUC"));
        assertInstanceOf(Precision.class, Metrics.get("precision"));
        assertInstanceOf(Recall.class, Metrics.get("recall"));
        assertInstanceOf(TopKCategoricalAccuracy.class, Metrics.get("top_k_categorical_accuracy"));
        assertInstanceOf(SparseTopKCategoricalAccuracy.class, Metrics.get("SparseTopKCategoricalAccuracy"));
        assertInstanceOf(MeanAbsolutePercentageError.class, Metrics.get("mape"));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("binary_accuracy"));
    }

    @Test
    void get_unknownName_suggestsClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("precison"));
        assertTrue(e.getMessage().startsWith("Unknown metric 'precison'. Did you mean 'precision'?"), e.getMessage());
    }

    @Test
    void names_includeAccuracyAliases() {
        assertTrue(Metrics.names().containsAll(java.util.List.of("accuracy", "acc", "auc", "root_mean_squared_error")));
    }

    /** A metric and a batch on which its result is not 0. */
    record Case(Metric metric, INDArray yTrue, INDArray yPred) {
        @Override
        public String toString() {
            return metric.identifier();
        }
    }

    private static INDArray rows(double[]... rows) {
        return Nd4j.createFromArray(rows);
    }

    static Stream<Case> everyMetric() {
        INDArray one = rows(new double[] {1});
        INDArray seventy = rows(new double[] {0.7});
        INDArray oneHot = rows(new double[] {1, 0});
        INDArray index = rows(new double[] {0});
        INDArray probs = rows(new double[] {0.7, 0.3});
        return Stream.of(new Case(new BinaryAccuracy("accuracy", 0.3), one, seventy),
                new Case(new CategoricalAccuracy("acc"), oneHot, probs),
                new Case(new SparseCategoricalAccuracy("accuracy"), index, probs),
                new Case(new TopKCategoricalAccuracy("top3", 3), oneHot, probs),
                new Case(new SparseTopKCategoricalAccuracy("top2", 2), index, probs),
                new Case(new MeanSquaredError("mse"), one, seventy),
                new Case(new MeanAbsoluteError("mae"), one, seventy),
                new Case(new MeanAbsolutePercentageError("mape"), one, seventy),
                new Case(new RootMeanSquaredError("rmse"), one, seventy),
                new Case(new Precision("p", 0.4), one, seventy),
                new Case(new Recall("r", 0.6), one, seventy),
                new Case(new AUC("roc", 50), rows(new double[] {0}, new double[] {1}),
                        rows(new double[] {0.2}, new double[] {0.7})));
    }

    @ParameterizedTest
    @MethodSource("everyMetric")
    void fromConfig_rebuildsSameNameAndConfig(Case c) {
        Metric rebuilt = Metrics.fromConfig(c.metric().identifier(), c.metric().getConfig());
        assertEquals(c.metric().getClass(), rebuilt.getClass());
        assertEquals(c.metric().getConfig(), rebuilt.getConfig());
        assertEquals(c.metric().name(), rebuilt.name());
    }

    @ParameterizedTest
    @MethodSource("everyMetric")
    void copy_isFreshWithSameNameAndConfig(Case c) {
        Metric metric = c.metric().copy();
        metric.update(c.yTrue(), c.yPred());
        double value = metric.result();
        assertTrue(value != 0, "the test batch must give a non-zero result");
        Metric copy = metric.copy();
        assertNotSame(metric, copy);
        assertEquals(metric.getClass(), copy.getClass());
        assertEquals(metric.getConfig(), copy.getConfig());
        assertEquals(0.0, copy.result(), 0);
        copy.update(c.yTrue(), c.yPred());
        assertEquals(value, copy.result(), 1e-12);
        assertEquals(value, metric.result(), 1e-12);
    }

    @Test
    void fromConfig_aucWithOtherCurve_throws() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.fromConfig("auc", java.util.Map.of("curve", "PR")));
        assertTrue(e.getMessage().startsWith("auc supports curve='ROC'"), e.getMessage());
    }
}
