package org.keras4j.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The loss registry: Keras's identifiers and aliases, and config round trips. */
class LossesTest {
    @Test
    void get_resolvesKerasAliases() {
        assertInstanceOf(MeanSquaredError.class, Losses.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Losses.get("MSE"));
        assertInstanceOf(MeanAbsoluteError.class, Losses.get("mae"));
        assertInstanceOf(MeanAbsolutePercentageError.class, Losses.get("mape"));
        assertInstanceOf(MeanSquaredLogarithmicError.class, Losses.get("msle"));
        assertInstanceOf(KLDivergence.class, Losses.get("kld"));
        assertInstanceOf(KLDivergence.class, Losses.get("kullback_leibler_divergence"));
        assertInstanceOf(BinaryCrossentropy.class, Losses.get("bce"));
        assertInstanceOf(LogCosh.class, Losses.get("logcosh"));
        assertInstanceOf(Huber.class, Losses.get("huber_loss"));
        assertInstanceOf(SparseCategoricalCrossentropy.class, Losses.get("SparseCategoricalCrossentropy"));
    }

    @Test
    void get_eachCanonicalIdentifierResolvesToItself() {
        for (String id : List.of("mean_squared_error", "mean_absolute_error", "mean_absolute_percentage_error",
                "mean_squared_logarithmic_error", "huber", "log_cosh", "binary_crossentropy", "categorical_crossentropy",
                "sparse_categorical_crossentropy", "kl_divergence", "poisson", "hinge", "squared_hinge", "cosine_similarity")) {
            assertEquals(id, Losses.get(id).identifier());
        }
    }

    @Test
    void get_unknownName_suggestsClosest() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("categorical_crossentropi"));
        assertTrue(e.getMessage().startsWith("Unknown loss 'categorical_crossentropi'. Did you mean 'categorical_crossentropy'?"),
                e.getMessage());
    }

    @Test
    void get_defaultsAreKeras() {
        assertEquals(Map.of("from_logits", false, "delta", 1.0), Losses.get("huber").getConfig());
        assertEquals(Map.of("from_logits", false, "label_smoothing", 0.0), Losses.get("binary_crossentropy").getConfig());
    }

    static Stream<Loss> everyLoss() {
        return Stream.of(new MeanSquaredError(), new MeanAbsoluteError(), new MeanAbsolutePercentageError(),
                new MeanSquaredLogarithmicError(), new Huber(0.5), new LogCosh(), new BinaryCrossentropy(true, 0.1),
                new CategoricalCrossentropy(true, 0.2), new SparseCategoricalCrossentropy(true), new KLDivergence(),
                new Poisson(), new Hinge(), new SquaredHinge(), new CosineSimilarity());
    }

    @ParameterizedTest
    @MethodSource("everyLoss")
    void fromConfig_rebuildsTheSameLoss(Loss loss) {
        assertEquals(loss, Losses.fromConfig(loss.identifier(), loss.getConfig()));
    }
}
