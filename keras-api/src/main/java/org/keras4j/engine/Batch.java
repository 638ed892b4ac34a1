package org.keras4j.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch: features per model input, labels per model output and optional per-sample
 * weights {@code [n]}.
 *
 * <pre>{@code
 * Batch b = new Batch(x, y, null);                                  // one input, one output
 * Batch two = new Batch(List.of(title, body), List.of(priority), null);
 * }</pre>
 */
public record Batch(List<INDArray> xs, List<INDArray> ys, INDArray sampleWeight) {
    public Batch {
        xs = List.copyOf(xs);
        ys = List.copyOf(ys);
    }

    /** A batch for a model with one input and one output; {@code y} may be null (no labels). */
    public Batch(INDArray x, INDArray y, INDArray sampleWeight) {
        this(List.of(x), y == null ? List.of() : List.of(y), sampleWeight);
    }

    /** The first (or only) input's features. */
    public INDArray x() {
        return xs.get(0);
    }

    /** The first (or only) output's labels, or null without labels. */
    public INDArray y() {
        return ys.isEmpty() ? null : ys.get(0);
    }

    public long size() {
        return xs.get(0).size(0);
    }
}
