package org.keras4j.examples.benchmark;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.keras4j.backend.NativeMemoryGuard;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The hand-written DL4J loops (for a {@code MultiLayerNetwork} or a one-input, one-output
 * {@code ComputationGraph}): one {@code DataSet} of row views per training batch, one
 * {@code output} call per inference batch. In the tuned JVM they also call keras4j's
 * {@link NativeMemoryGuard} after each batch, as keras4j's own loops do: "tuned" is hand-written
 * DL4J with every backend setting keras4j applies, so keras4j / DL4J tuned measures the facade
 * alone. (The guard's collections are a cost of bounded memory; without them the process grows
 * by the native garbage of every step.)
 *
 * <pre>{@code
 * HandLoop.guardMemory();   // once, in the tuned JVM
 * HandLoop.fit(net, x, y, 128, 60_000);
 * HandLoop.fit(graph, x, y, 64, 10_000);      // a ComputationGraph with one input and one output
 * }</pre>
 */
final class HandLoop {
    private static volatile boolean guarded;

    private HandLoop() {
    }

    /** From now on, every hand-written batch in this JVM is followed by the memory guard. */
    static void guardMemory() {
        guarded = true;
    }

    /** Trains on rows {@code [0, n)} in batches. */
    static void fit(MultiLayerNetwork net, INDArray x, INDArray y, int batch, int n) {
        for (int i = 0; i < n; i += batch) {
            int end = Math.min(n, i + batch);
            net.fit(new DataSet(Workloads.rows(x, i, end), Workloads.rows(y, i, end)));
            afterBatch();
        }
    }

    /** Trains a graph with one input and one output on rows {@code [0, n)} in batches. */
    static void fit(ComputationGraph graph, INDArray x, INDArray y, int batch, int n) {
        for (int i = 0; i < n; i += batch) {
            int end = Math.min(n, i + batch);
            graph.fit(new DataSet(Workloads.rows(x, i, end), Workloads.rows(y, i, end)));
            afterBatch();
        }
    }

    /** Inference on one batch. */
    static INDArray output(MultiLayerNetwork net, INDArray x) {
        INDArray out = net.output(x);
        afterBatch();
        return out;
    }

    private static void afterBatch() {
        if (guarded) {
            NativeMemoryGuard.shared().afterStep();
        }
    }
}
