package org.keras4j.optimizers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OptimizersTest {

    @Test
    void names_areKerasIdentifiers() {
        assertEquals(Set.of("sgd", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam"), Optimizers.names());
    }

    @Test
    void get_returnsTheNamedClass() {
        assertInstanceOf(SGD.class, Optimizers.get("sgd"));
        assertInstanceOf(Adam.class, Optimizers.get("Adam"));
        assertInstanceOf(AdamW.class, Optimizers.get("adamw"));
        assertInstanceOf(RMSprop.class, Optimizers.get("rmsprop"));
        assertInstanceOf(Adagrad.class, Optimizers.get("adagrad"));
        assertInstanceOf(Adadelta.class, Optimizers.get("adadelta"));
        assertInstanceOf(Adamax.class, Optimizers.get("adamax"));
        assertInstanceOf(Nadam.class, Optimizers.get("nadam"));
    }

    @Test
    void get_unknownName_suggestsClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Optimizers.get("rmsprp"));
        assertTrue(e.getMessage().contains("'rmsprop'"), e.getMessage());
    }

    @Test
    void defaults_areKeras3s() {
        assertEquals(Map.of("learning_rate", 0.01, "momentum", 0.0, "nesterov", false), Optimizers.get("sgd").getConfig());
        assertEquals(Map.of("learning_rate", 1e-3, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7, "amsgrad", false),
                Optimizers.get("adam").getConfig());
        assertEquals(Map.of("learning_rate", 1e-3, "weight_decay", 0.004, "beta_1", 0.9, "beta_2", 0.999,
                "epsilon", 1e-7, "amsgrad", false), Optimizers.get("adamw").getConfig());
        assertEquals(Map.of("learning_rate", 1e-3, "rho", 0.9, "momentum", 0.0, "epsilon", 1e-7, "centered", false),
                Optimizers.get("rmsprop").getConfig());
        assertEquals(Map.of("learning_rate", 1e-3, "initial_accumulator_value", 0.1, "epsilon", 1e-7),
                Optimizers.get("adagrad").getConfig());
        assertEquals(Map.of("learning_rate", 1e-3, "rho", 0.95, "epsilon", 1e-7), Optimizers.get("adadelta").getConfig());
        assertEquals(Map.of("learning_rate", 1e-3, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7),
                Optimizers.get("adamax").getConfig());
        assertEquals(Map.of("learning_rate", 1e-3, "beta_1", 0.9, "beta_2", 0.999, "epsilon", 1e-7),
                Optimizers.get("nadam").getConfig());
    }

    @Test
    void fromConfig_ofGetConfig_roundTripsEveryOptimizer() {
        List<Optimizer> optimizers = List.of(
                new SGD(0.2, 0.5, true).withClipnorm(2.0),
                new Adam(0.3, 0.7, 0.8, 1e-4, true).withClipvalue(0.5),
                new AdamW(0.3, 0.01, 0.7, 0.8, 1e-4, true).withClipnorm(1.5),
                new RMSprop(0.3, 0.7, 0.2, 1e-4, true).withWeightDecay(0.02),
                new Adagrad(0.3, 0.5, 1e-4).withClipvalue(3.0),
                new Adadelta(0.3, 0.7, 1e-4),
                new Adamax(0.3, 0.7, 0.8, 1e-4).withClipnorm(0.1),
                new Nadam(0.3, 0.7, 0.8, 1e-4));
        for (Optimizer original : optimizers) {
            Optimizer copy = Optimizers.fromConfig(original.identifier(), original.getConfig());
            assertEquals(original.getClass(), copy.getClass());
            assertEquals(original.getConfig(), copy.getConfig(), original.identifier());
        }
    }

    @Test
    void clipping_isKeptInConfig() {
        Optimizer adam = new Adam().withClipnorm(1.0);
        assertEquals(1.0, adam.getConfig().get("clipnorm"));
        assertNull(adam.clipvalue());
        assertThrows(IllegalArgumentException.class, () -> adam.withClipvalue(0.5));
    }

    @Test
    void setLearningRate_changesRateAndConfig() {
        Optimizer rmsprop = Optimizers.get("rmsprop");
        rmsprop.setLearningRate(0.05);
        assertEquals(0.05, rmsprop.getLearningRate());
        assertEquals(0.05, rmsprop.getConfig().get("learning_rate"));
        assertThrows(IllegalArgumentException.class, () -> rmsprop.setLearningRate(-1));
    }

    @Test
    void weightDecay_absentByDefault_exceptAdamW() {
        assertNull(new Adam().weightDecay());
        assertEquals(0.004, new AdamW().weightDecay());
        assertThrows(IllegalArgumentException.class, () -> new AdamW(1e-3, -0.1));
    }

    @Test
    void constructors_rejectOutOfRangeArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new RMSprop(1e-3, 1.0, 0, 1e-7, false));
        assertTrue(e.getMessage().contains("rho") && e.getMessage().contains("1.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Adagrad(1e-3, -0.1, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new Adadelta(1e-3, 0.95, 0));
        assertThrows(IllegalArgumentException.class, () -> new Adamax(1e-3, 1.5, 0.999, 1e-7));
        assertThrows(IllegalArgumentException.class, () -> new Nadam(-1e-3));
        assertThrows(IllegalArgumentException.class, () -> new SGD(0.01, -0.5));
    }
}
