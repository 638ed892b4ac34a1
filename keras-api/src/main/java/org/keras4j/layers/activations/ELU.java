package org.keras4j.layers.activations;

import java.util.Map;
import org.keras4j.activations.ActivationFunction;
import org.keras4j.activations.Activations;
import org.keras4j.utils.Configs;

/**
 * {@code x > 0 ? x : alpha * (exp(x) - 1)}; Keras's default alpha 1.0.
 *
 * <pre>{@code
 * new Sequential(new Input(10), new Dense(32), new ELU(), new Dense(1));
 * }</pre>
 */
public final class ELU extends ActivationLayer {
    private final double alpha;

    public ELU() {
        this(1.0);
    }

    public ELU(double alpha) {
        this.alpha = alpha;
    }

    public static ELU fromConfig(Map<String, Object> cfg) {
        return withSavedName(new ELU(Configs.getDouble(cfg, "alpha", 1.0)), cfg);
    }

    @Override
    public ActivationFunction function() {
        return Activations.elu(alpha);
    }

    @Override
    protected Map<String, Object> layerConfig() {
        return Map.of("alpha", alpha);
    }
}
