package org.keras4j.engine;

import java.util.List;
import org.keras4j.losses.Loss;
import org.keras4j.metrics.Metric;
import org.keras4j.optimizers.Optimizer;

/**
 * What {@code compile} resolved: optimizer, each output's loss, loss weight and metrics, the
 * backend network and the seed it was built from.
 *
 * <pre>{@code
 * Compiled c = new Compiled(new Adam(), List.of(output), network, 42L);
 * Loss loss = c.loss();   // the loss of a single-output model
 * }</pre>
 */
public record Compiled(Optimizer optimizer, List<CompiledOutput> outputs, CompiledNetwork network, long seed) {
    public Compiled {
        outputs = List.copyOf(outputs);
    }

    /** The loss of the first (for a single-output model, the only) output. */
    public Loss loss() {
        return outputs.get(0).loss();
    }

    /** The metrics of the first (for a single-output model, the only) output. */
    public List<Metric> metrics() {
        return outputs.get(0).metrics();
    }

    public boolean multiOutput() {
        return outputs.size() > 1;
    }
}
