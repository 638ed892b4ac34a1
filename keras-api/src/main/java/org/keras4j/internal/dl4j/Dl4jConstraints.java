package org.keras4j.internal.dl4j;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.LayerConstraint;
import org.deeplearning4j.nn.conf.constraint.BaseConstraint;
import org.deeplearning4j.nn.conf.constraint.NonNegativeConstraint;
import org.keras4j.constraints.Constraint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Maps Keras's weight constraints to DL4J {@link LayerConstraint}s. {@code non_neg} is DL4J's
 * {@code NonNegativeConstraint}; the norm constraints use {@link KerasNormConstraint}, Keras's
 * one formula {@code w * (rate * clip(norm, min, max) + (1 - rate) * norm) / (1e-7 + norm)}, because
 * DL4J's differ: its MinMaxNormConstraint is wrong for rate &lt; 1, its UnitNormConstraint has no
 * epsilon, all reset epsilon to 1e-6 when DL4J clones them, and DL4J's BaseConstraint applies a
 * constraint twice per step (harmless only for idempotent ones).
 *
 * <p>Axes: a Dense kernel is {@code [nIn, nOut]} in both Keras and DL4J, so Keras's axis 0 (one
 * norm per unit) is DL4J dimension 0; a bias {@code (units)} is DL4J's {@code [1, nOut]}.
 *
 * <pre>{@code
 * denseBuilder.constrainWeights(Dl4jConstraints.forDenseKernel(Constraints.maxNorm(3.0)));
 * denseBuilder.constrainBias(Dl4jConstraints.forBias(Constraints.nonNeg()));
 * }</pre>
 */
public final class Dl4jConstraints {
    /** Keras's {@code backend.epsilon()}. */
    static final double KERAS_EPSILON = 1e-7;

    private Dl4jConstraints() {
    }

    /** The constraint for a Dense kernel: Keras {@code (inputs, units)}, DL4J {@code [nIn, nOut]}. */
    public static LayerConstraint forDenseKernel(Constraint constraint) {
        return toDl4j(constraint, new int[] {0, 1});
    }

    /** The constraint for a bias: Keras {@code (units)}, DL4J {@code [1, nOut]}. */
    public static LayerConstraint forBias(Constraint constraint) {
        return toDl4j(constraint, new int[] {1});
    }

    /**
     * The constraint for a parameter whose Keras axis {@code i} is DL4J dimension
     * {@code kerasToDl4jAxis[i]}; e.g. a Conv2D kernel, Keras {@code (kh, kw, in, out)} and DL4J
     * {@code [out, in, kh, kw]}, has the map {@code {2, 3, 1, 0}}.
     *
     * @throws IllegalArgumentException for an unknown constraint or an axis outside the Keras rank
     */
    public static LayerConstraint toDl4j(Constraint constraint, int[] kerasToDl4jAxis) {
        return switch (constraint.identifier()) {
            case "non_neg" -> new NonNegativeConstraint();
            case "max_norm" -> new KerasNormConstraint(0.0, constraint.param("max_value"), 1.0,
                    dimensions(constraint, kerasToDl4jAxis));
            case "unit_norm" -> new KerasNormConstraint(1.0, 1.0, 1.0, dimensions(constraint, kerasToDl4jAxis));
            case "min_max_norm" -> new KerasNormConstraint(constraint.param("min_value"), constraint.param("max_value"),
                    constraint.param("rate"), dimensions(constraint, kerasToDl4jAxis));
            default -> throw new IllegalArgumentException("constraint '" + constraint.identifier()
                    + "' has no DL4J translation; supported: " + org.keras4j.constraints.Constraints.names());
        };
    }

    private static int[] dimensions(Constraint constraint, int[] kerasToDl4jAxis) {
        int rank = kerasToDl4jAxis.length;
        int[] axis = constraint.axis();
        int[] out = new int[axis.length];
        for (int i = 0; i < axis.length; i++) {
            int a = axis[i] < 0 ? axis[i] + rank : axis[i];
            if (a < 0 || a >= rank) {
                throw new IllegalArgumentException(constraint + ": axis " + axis[i] + " is out of range for a parameter of rank "
                        + rank);
            }
            out[i] = kerasToDl4jAxis[a];
        }
        Arrays.sort(out);
        return out;
    }

    /**
     * Keras's norm constraints on DL4J: rescales each slice along {@code dimensions} so its L2
     * norm becomes {@code rate * clip(norm, min, max) + (1 - rate) * norm}, dividing by
     * {@code 1e-7 + norm} as Keras. A bean for DL4J's JSON configuration.
     *
     * <pre>{@code
     * LayerConstraint maxNorm3 = new KerasNormConstraint(0.0, 3.0, 1.0, 0);   // per unit of a Dense kernel
     * }</pre>
     */
    public static final class KerasNormConstraint extends BaseConstraint {
        private double min;
        private double max;
        private double rate;

        /** For JSON deserialization. */
        public KerasNormConstraint() {
            this.epsilon = KERAS_EPSILON;
        }

        public KerasNormConstraint(double min, double max, double rate, int... dimensions) {
            this(min, max, rate, new HashSet<>(), KERAS_EPSILON, dimensions);
        }

        private KerasNormConstraint(double min, double max, double rate, Set<String> params, double epsilon, int[] dimensions) {
            super(params, epsilon, dimensions);
            this.min = min;
            this.max = max;
            this.rate = rate;
        }

        @Override
        public void applyConstraint(Layer layer, int iteration, int epoch) {
            // once per parameter (BaseConstraint applies twice, which is wrong for rate < 1)
            Map<String, INDArray> paramTable = layer.paramTable();
            if (paramTable == null || params == null) {
                return;
            }
            for (Map.Entry<String, INDArray> e : paramTable.entrySet()) {
                if (params.contains(e.getKey())) {
                    apply(e.getValue());
                }
            }
        }

        @Override
        public void apply(INDArray param) {
            INDArray norms = param.norm2(dimensions);
            INDArray desired = Transforms.min(Transforms.max(norms, min, true), max, false).muli(rate);
            if (rate != 1.0) {
                desired.addi(norms.mul(1.0 - rate));
            }
            INDArray scale = desired.divi(norms.add(epsilon));
            Broadcast.mul(param, scale, param, getBroadcastDims(dimensions, param.rank()));
        }

        @Override
        public KerasNormConstraint clone() {
            return new KerasNormConstraint(min, max, rate, params == null ? null : new HashSet<>(params), epsilon,
                    dimensions == null ? null : dimensions.clone());
        }

        public double getMin() {
            return min;
        }

        public void setMin(double min) {
            this.min = min;
        }

        public double getMax() {
            return max;
        }

        public void setMax(double max) {
            this.max = max;
        }

        public double getRate() {
            return rate;
        }

        public void setRate(double rate) {
            this.rate = rate;
        }

        @Override
        protected boolean canEqual(Object other) {
            return other instanceof KerasNormConstraint;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof KerasNormConstraint other && super.equals(o) && Double.compare(min, other.min) == 0
                    && Double.compare(max, other.max) == 0 && Double.compare(rate, other.rate) == 0;
        }

        @Override
        public int hashCode() {
            return Objects.hash(super.hashCode(), min, max, rate);
        }

        @Override
        public String toString() {
            return "KerasNormConstraint(min=" + min + ", max=" + max + ", rate=" + rate + ", dimensions="
                    + Arrays.toString(dimensions) + ", params=" + params + ")";
        }
    }
}
