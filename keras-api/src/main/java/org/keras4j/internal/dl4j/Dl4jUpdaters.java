package org.keras4j.internal.dl4j;

import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.keras4j.internal.dl4j.updaters.DecoupledWeightDecay;
import org.keras4j.internal.dl4j.updaters.HostAdam;
import org.keras4j.internal.dl4j.updaters.KerasAdadelta;
import org.keras4j.internal.dl4j.updaters.KerasAdagrad;
import org.keras4j.internal.dl4j.updaters.KerasAdamax;
import org.keras4j.internal.dl4j.updaters.KerasNadam;
import org.keras4j.internal.dl4j.updaters.KerasRmsProp;
import org.keras4j.internal.dl4j.updaters.KerasSgdMomentum;
import org.keras4j.optimizers.Adadelta;
import org.keras4j.optimizers.Adagrad;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.AdamW;
import org.keras4j.optimizers.Adamax;
import org.keras4j.optimizers.Nadam;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.RMSprop;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.learning.config.AMSGrad;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Maps keras4j optimizers to DL4J updaters that apply exactly Keras's update rule: DL4J's own
 * {@code Sgd}, {@code Nesterovs}, {@code Adam} and {@code AMSGrad} (same rule once epsilon is
 * set), and {@link org.keras4j.internal.dl4j.updaters} for the rest.
 *
 * <p>Clipping maps to DL4J's gradient normalization, applied to the mini-batch mean gradient
 * of each parameter array as Keras does per variable. One difference remains: DL4J clips
 * before adding the kernel/bias regularizers' gradient, Keras clips their sum.
 *
 * <pre>{@code
 * builder.updater(Dl4jUpdaters.toDl4j(optimizer))
 *        .gradientNormalization(Dl4jUpdaters.gradientNormalization(optimizer))
 *        .gradientNormalizationThreshold(Dl4jUpdaters.gradientNormalizationThreshold(optimizer));
 * layerBuilder.regularization(Dl4jUpdaters.weightDecay(optimizer));   // and regularizationBias
 * }</pre>
 */
public final class Dl4jUpdaters {
    private Dl4jUpdaters() {
    }

    /**
     * The DL4J updater for an optimizer, at its current learning rate.
     *
     * @throws IllegalArgumentException for an optimizer this translator does not know
     */
    public static IUpdater toDl4j(Optimizer optimizer) {
        double lr = optimizer.getLearningRate();
        if (optimizer instanceof SGD sgd) {
            if (sgd.momentum() == 0) {
                return new Sgd(lr);
            }
            // DL4J's Nesterovs: v = mu*v - lr*g; w += mu*v - lr*g, Keras's rule
            return sgd.nesterov() ? new Nesterovs(lr, sgd.momentum()) : new KerasSgdMomentum(lr, sgd.momentum());
        }
        if (optimizer instanceof Adam adam) {
            return adam(lr, adam.beta1(), adam.beta2(), adam.epsilon(), adam.amsgrad());
        }
        if (optimizer instanceof AdamW adamw) {
            // the decay itself is weightDecay(optimizer), applied as a post-update regularization
            return adam(lr, adamw.beta1(), adamw.beta2(), adamw.epsilon(), adamw.amsgrad());
        }
        if (optimizer instanceof RMSprop r) {
            return new KerasRmsProp(lr, r.rho(), r.momentum(), r.epsilon(), r.centered());
        }
        if (optimizer instanceof Adagrad a) {
            return new KerasAdagrad(lr, a.initialAccumulatorValue(), a.epsilon());
        }
        if (optimizer instanceof Adadelta a) {
            return new KerasAdadelta(lr, a.rho(), a.epsilon());
        }
        if (optimizer instanceof Adamax a) {
            return new KerasAdamax(lr, a.beta1(), a.beta2(), a.epsilon());
        }
        if (optimizer instanceof Nadam n) {
            return new KerasNadam(lr, n.beta1(), n.beta2(), n.epsilon());
        }
        throw new IllegalArgumentException("optimizer '" + optimizer.identifier() + "' (" + optimizer.getClass().getName()
                + ") has no DL4J translation; supported: sgd, adam, adamw, rmsprop, adagrad, adadelta, adamax, nadam");
    }

    private static IUpdater adam(double lr, double beta1, double beta2, double epsilon, boolean amsgrad) {
        // DL4J's Adam and AMSGrad use alpha = lr*sqrt(1-b2^t)/(1-b1^t) and eps outside the root, as Keras;
        // HostAdam is DL4J's Adam computed on the JVM
        return amsgrad ? new AMSGrad(lr, beta1, beta2, epsilon) : new HostAdam(lr, beta1, beta2, epsilon);
    }

    /** DL4J's gradient normalization for the optimizer's clipnorm / clipvalue. */
    public static GradientNormalization gradientNormalization(Optimizer optimizer) {
        if (optimizer.clipnorm() != null) {
            // g *= clipnorm / max(||g||, clipnorm) for each parameter array (kernel, bias), as Keras
            return GradientNormalization.ClipL2PerParamType;
        }
        if (optimizer.clipvalue() != null) {
            return GradientNormalization.ClipElementWiseAbsoluteValue;
        }
        return GradientNormalization.None;
    }

    /** The threshold for {@link #gradientNormalization}. */
    public static double gradientNormalizationThreshold(Optimizer optimizer) {
        return optimizer.clipnorm() != null ? optimizer.clipnorm() : optimizer.clipvalue() != null ? optimizer.clipvalue() : 1.0;
    }

    /**
     * The optimizer's decoupled weight decay ({@code w -= lr * weight_decay * w}) as a DL4J
     * post-updater regularization, to add to every parameter of every layer, biases included
     * (Keras decays all trainable variables); empty when the optimizer has none.
     */
    public static List<Regularization> weightDecay(Optimizer optimizer) {
        Double decay = optimizer.weightDecay();
        return decay == null || decay == 0 ? List.of() : List.of(new DecoupledWeightDecay(decay));
    }
}
