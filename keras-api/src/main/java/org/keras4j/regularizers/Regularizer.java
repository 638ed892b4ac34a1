package org.keras4j.regularizers;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.keras4j.utils.Configurable;

/**
 * A weight penalty added to the loss, as Keras's: {@code l1 * sum(|w|) + l2 * sum(w^2)}.
 *
 * <pre>{@code
 * new Dense(64, "relu").withKernelRegularizer(Regularizers.l2(0.01));
 * }</pre>
 */
public final class Regularizer implements Configurable {
    private final double l1;
    private final double l2;

    Regularizer(double l1, double l2) {
        if (!(l1 >= 0 && l2 >= 0) || Double.isInfinite(l1) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("regularization factors must be finite numbers >= 0, got l1=" + l1 + ", l2=" + l2);
        }
        this.l1 = l1;
        this.l2 = l2;
    }

    /** Keras's l1 factor: the penalty is {@code l1 * sum(|w|)}. */
    public double l1() {
        return l1;
    }

    /** Keras's l2 factor: the penalty is {@code l2 * sum(w^2)} (no 1/2). */
    public double l2() {
        return l2;
    }

    @Override
    public String identifier() {
        return l1 > 0 && l2 > 0 ? "l1_l2" : l1 > 0 ? "l1" : "l2";
    }

    @Override
    public Map<String, Object> getConfig() {
        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("l1", l1);
        cfg.put("l2", l2);
        return cfg;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Regularizer other && l1 == other.l1 && l2 == other.l2;
    }

    @Override
    public int hashCode() {
        return Objects.hash(l1, l2);
    }

    @Override
    public String toString() {
        return identifier() + getConfig();
    }
}
