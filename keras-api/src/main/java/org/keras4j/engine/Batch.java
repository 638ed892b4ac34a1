package org.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: features, labels ({@code [n, width]}) and optional per-sample weights.
 *
 * <pre>{@code
 * Batch b = new Batch(x, y, null);
 * }</pre>
 */
public record Batch(INDArray x, INDArray y, INDArray sampleWeight) {
    public long size() {
        return x.size(0);
    }
}
