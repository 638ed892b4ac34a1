package org.keras4j.optimizers.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.keras4j.utils.Configs;
import org.junit.jupiter.api.Test;

class LearningRateSchedulesTest {

    @Test
    void everySchedule_roundTripsThroughItsConfig() {
        List<LearningRateSchedule> schedules = List.of(
                new ExponentialDecay(0.1, 7, 0.9).withStaircase(true),
                new PiecewiseConstantDecay(new long[] {3, 9}, new double[] {0.3, 0.2, 0.1}),
                new PolynomialDecay(0.1, 20).withEndLearningRate(0.01).withPower(2).withCycle(true),
                new InverseTimeDecay(0.1, 5, 0.3).withStaircase(true),
                new CosineDecay(0.01, 30).withAlpha(0.05).withWarmup(0.1, 4));
        for (LearningRateSchedule s : schedules) {
            Map<String, Object> saved = Configs.serialize(s);
            LearningRateSchedule again = LearningRateSchedules.deserialize(saved);
            assertEquals(s.getClass(), again.getClass());
            for (long step = 0; step < 60; step += 3) {
                assertEquals(s.learningRate(step), again.learningRate(step), 0.0, s + " at step " + step);
            }
        }
    }

    @Test
    void unknownClassName_listsValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LearningRateSchedules.fromConfig("ExponentalDecay", Map.of()));
        assertTrue(e.getMessage().contains("exponentialdecay") || e.getMessage().contains("ExponentialDecay"),
                e.getMessage());
    }
}
