package org.keras4j.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * The metrics that score small batches on the JVM ({@link MeanMetric#hostSum}) give what their
 * ND4J form ({@link MeanMetric#values}) gives, dispatch no ND4J operation doing it, and leave
 * large batches and bad shapes to the ND4J form.
 */
class HostMetricsTest {
    private static final int ROWS = 37;
    private static final int CLASSES = 4;

    @AfterEach
    void profilingOff() {
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }

    /** Probabilities {@code [rows, k]}, with rows whose largest value is tied. */
    private static INDArray probabilities(int rows, int k) {
        Nd4j.getRandom().setSeed(5);
        INDArray p = Nd4j.rand(DataType.FLOAT, rows, k);
        p.putScalar(new long[] {0, 0}, 2f);
        p.putScalar(new long[] {0, 1}, 2f); // tie: the first column wins, as ND4J's argMax
        return p;
    }

    private static INDArray indices(int rows, int k) {
        INDArray y = Nd4j.create(DataType.FLOAT, rows, 1);
        for (int r = 0; r < rows; r++) {
            y.putScalar(r, 0, (r * 7) % k);
        }
        return y;
    }

    private static INDArray oneHot(INDArray indices, int k) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, indices.rows(), k);
        for (int r = 0; r < indices.rows(); r++) {
            y.putScalar(r, indices.getInt(r, 0), 1f);
        }
        return y;
    }

    static Stream<Arguments> hostMetrics() {
        INDArray p = probabilities(ROWS, CLASSES);
        INDArray idx = indices(ROWS, CLASSES);
        INDArray binaryPred = p.getColumns(0, 1);
        INDArray binaryTrue = binaryPred.gt(0.4).castTo(DataType.FLOAT);
        binaryTrue.putScalar(3, 0, 1 - binaryTrue.getFloat(3, 0));
        INDArray values = Nd4j.randn(DataType.FLOAT, ROWS, 3);
        INDArray targets = values.add(Nd4j.randn(DataType.FLOAT, ROWS, 3).muli(0.3));
        return Stream.of(
                arguments("sparse_categorical_accuracy", (Supplier<MeanMetric>) SparseCategoricalAccuracy::new, idx, p),
                arguments("sparse, labels [n]", (Supplier<MeanMetric>) SparseCategoricalAccuracy::new,
                        idx.reshape(ROWS), p),
                arguments("categorical_accuracy", (Supplier<MeanMetric>) CategoricalAccuracy::new, oneHot(idx, CLASSES), p),
                arguments("binary_accuracy", (Supplier<MeanMetric>) BinaryAccuracy::new, binaryTrue, binaryPred),
                arguments("binary_accuracy 0.3", (Supplier<MeanMetric>) () -> new BinaryAccuracy("acc", 0.3), binaryTrue,
                        binaryPred),
                arguments("binary_accuracy, one output [n]", (Supplier<MeanMetric>) BinaryAccuracy::new,
                        binaryTrue.getColumn(0).dup(), binaryPred.getColumn(0).dup()),
                arguments("mse", (Supplier<MeanMetric>) MeanSquaredError::new, targets, values),
                arguments("rmse", (Supplier<MeanMetric>) RootMeanSquaredError::new, targets, values),
                arguments("mae", (Supplier<MeanMetric>) MeanAbsoluteError::new, targets, values),
                arguments("mae of a view", (Supplier<MeanMetric>) MeanAbsoluteError::new, targets.getColumns(1, 2),
                        values.getColumns(1, 2)));
    }

    @ParameterizedTest(name = "{0}", autoCloseArguments = false) // the cases share arrays, which are AutoCloseable
    @MethodSource("hostMetrics")
    void update_onHost_equalsTheNd4jForm_withoutNd4jOperations(String name, Supplier<MeanMetric> metric, INDArray yTrue,
                                                               INDArray yPred) {
        MeanMetric m = metric.get();
        assertTrue(m.computesOnHost(), name);
        int half = ROWS / 2;
        INDArray t1 = yTrue.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, half));
        INDArray p1 = yPred.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, half));
        INDArray t2 = yTrue.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(half, ROWS));
        INDArray p2 = yPred.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(half, ROWS));
        double expectedMean = (m.values(t1, p1).sumNumber().doubleValue() + m.values(t2, p2).sumNumber().doubleValue())
                / ROWS;
        MeanMetric reference = metric.get();
        reference.update(t1, p1);
        reference.update(t2, p2);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        m.update(t1, p1);
        m.update(t2, p2);
        long ops = OpProfiler.getInstance().getInvocationsCount();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        double expected = m instanceof RootMeanSquaredError ? Math.sqrt(expectedMean) : expectedMean;
        assertEquals(expected, m.result(), 1e-12, name);
        assertEquals(reference.result(), m.result(), 1e-12, name);
        // contiguous views need no copy; a strided view (the columns of "mae of a view") is copied first
        assertTrue(name.endsWith("view") || ops == 0, name + ": " + ops + " ND4J operations");
    }

    @Test
    void largeBatches_stayOnNd4j() {
        int rows = (int) (MeanMetric.HOST_LIMIT / 2 + 1);
        INDArray p = probabilities(rows, 2);
        INDArray y = indices(rows, 2);
        SparseCategoricalAccuracy m = new SparseCategoricalAccuracy();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        m.update(y, p);
        assertTrue(OpProfiler.getInstance().getInvocationsCount() > 0, "a batch above the limit runs ND4J's form");
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
        assertEquals(m.values(y, p).meanNumber().doubleValue(), m.result(), 1e-12);
    }

    @Test
    void badLabels_failAsOnNd4j() {
        INDArray p = probabilities(4, 3);
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> new SparseCategoricalAccuracy().update(Nd4j.createFromArray(0f, 3f, 1f, 2f).reshape(4, 1), p));
        assertTrue(index.getMessage().contains("integer class indices in [0, 2]"), index.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> new CategoricalAccuracy().update(Nd4j.zeros(DataType.FLOAT, 4, 2), p));
        assertTrue(shape.getMessage().contains("same shape"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().update(Nd4j.zeros(DataType.FLOAT, 3, 3), p));
    }
}
