package org.keras4j.internal.dl4j;

import java.util.List;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.keras4j.optimizers.Adam;
import org.keras4j.optimizers.Optimizer;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.Regularization;

/** Maps keras4j optimizers to DL4J updaters that apply exactly Keras's update rule. */
public final class Dl4jUpdaters {
    private Dl4jUpdaters() {
    }

    public static IUpdater toDl4j(Optimizer optimizer) {
        if (optimizer instanceof SGD sgd) {
            if (sgd.momentum() == 0) {
                return new Sgd(sgd.getLearningRate());
            }
            if (sgd.nesterov()) {
                return new Nesterovs(sgd.getLearningRate(), sgd.momentum());
            }
        }
        if (optimizer instanceof Adam adam) {
            return new org.nd4j.linalg.learning.config.Adam(adam.getLearningRate(), adam.beta1(), adam.beta2(), adam.epsilon());
        }
        throw new IllegalArgumentException("optimizer '" + optimizer.identifier() + "' is not supported yet");
    }

    /** DL4J's gradient normalization for the optimizer's clipnorm / clipvalue. */
    public static GradientNormalization gradientNormalization(Optimizer optimizer) {
        if (optimizer.clipnorm() != null) {
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

    /** Weight decay an optimizer applies to weights itself (AdamW), as DL4J regularization. */
    public static List<Regularization> weightDecay(Optimizer optimizer) {
        return List.of();
    }
}
