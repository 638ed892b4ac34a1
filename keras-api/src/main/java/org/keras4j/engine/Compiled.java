package org.keras4j.engine;

import java.util.List;
import org.keras4j.losses.Loss;
import org.keras4j.metrics.Metric;
import org.keras4j.optimizers.Optimizer;

/**
 * What {@code compile} resolved: optimizer, loss, metrics, the backend network and the seed
 * it was built from.
 *
 * <pre>{@code
 * Compiled c = new Compiled(new Adam(), new MeanSquaredError(), List.of(), network, 42L);
 * }</pre>
 */
public record Compiled(Optimizer optimizer, Loss loss, List<Metric> metrics, CompiledNetwork network, long seed) {
}
