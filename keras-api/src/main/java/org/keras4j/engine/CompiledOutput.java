package org.keras4j.engine;

import java.util.List;
import org.keras4j.Shape;
import org.keras4j.losses.Loss;
import org.keras4j.metrics.Metric;

/**
 * What {@code compile} resolved for one model output: its name (the name of the layer that
 * produces it, as Keras's {@code output_names}), shape, loss, loss weight and metrics.
 *
 * <pre>{@code
 * CompiledOutput out = new CompiledOutput("price", Shape.of(1), new MeanSquaredError(), 1.0, List.of());
 * }</pre>
 */
public record CompiledOutput(String name, Shape shape, Loss loss, double lossWeight, List<Metric> metrics) {
    public CompiledOutput {
        metrics = List.copyOf(metrics);
    }

    /** Positions per sample: the product of all axes but the last (Keras reduces the last axis). */
    public long positions() {
        return shape.size() / shape.last();
    }
}
