package org.keras4j.internal.dl4j.updaters;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Keras's RMSprop: {@code v = rho*v + (1-rho)*g^2; inc = lr*g / sqrt(v + eps)} (centered:
 * {@code a = rho*a + (1-rho)*g}, divide by {@code sqrt(v - a^2 + eps)}); with momentum
 * {@code mom = momentum*mom + inc} is subtracted instead of {@code inc}. DL4J's RmsProp adds
 * eps outside the square root, starts {@code v} at eps and has neither momentum nor centering.
 *
 * <pre>{@code
 * IUpdater updater = new KerasRmsProp(1e-3, 0.9, 0.0, 1e-7, false);
 * }</pre>
 */
public final class KerasRmsProp extends KerasUpdater {
    private double rho;
    private double momentum;
    private double epsilon;
    private boolean centered;

    /** For JSON deserialization. */
    public KerasRmsProp() {
    }

    public KerasRmsProp(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
        super(learningRate);
        this.rho = rho;
        this.momentum = momentum;
        this.epsilon = epsilon;
        this.centered = centered;
    }

    public double getRho() {
        return rho;
    }

    public void setRho(double rho) {
        this.rho = rho;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    public double getEpsilon() {
        return epsilon;
    }

    public void setEpsilon(double epsilon) {
        this.epsilon = epsilon;
    }

    public boolean isCentered() {
        return centered;
    }

    public void setCentered(boolean centered) {
        this.centered = centered;
    }

    @Override
    public List<String> stateKeys() {
        // only the arrays Keras creates: momentum when momentum > 0, average gradient when centered
        List<String> keys = new ArrayList<>(List.of("velocity"));
        if (momentum > 0) {
            keys.add("momentum");
        }
        if (centered) {
            keys.add("average_gradient");
        }
        return keys;
    }

    @Override
    protected double[] hyperParameters() {
        return new double[] {rho, momentum, epsilon, centered ? 1 : 0};
    }

    @Override
    protected KerasGradientUpdater<?> newUpdater() {
        return new KerasGradientUpdater<KerasRmsProp>(this) {
            @Override
            protected void update(INDArray g, INDArray[] state, double lr, int step) {
                INDArray v = state[0];
                v.muli(rho).addi(g.mul(g).muli(1 - rho));
                INDArray denominator;
                if (centered) {
                    INDArray a = state[state.length - 1];
                    a.muli(rho).addi(g.mul(1 - rho));
                    denominator = v.sub(a.mul(a)).addi(epsilon);
                } else {
                    denominator = v.add(epsilon);
                }
                g.muli(lr).divi(Transforms.sqrt(denominator, false));
                if (momentum > 0) {
                    INDArray mom = state[1];
                    mom.muli(momentum).addi(g);
                    g.assign(mom);
                }
            }
        };
    }

    @Override
    public KerasRmsProp clone() {
        return withLearningRateOf(new KerasRmsProp(learningRate, rho, momentum, epsilon, centered));
    }
}
