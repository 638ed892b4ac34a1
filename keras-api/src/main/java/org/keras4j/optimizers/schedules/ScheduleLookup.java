package org.keras4j.optimizers.schedules;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;

/**
 * Rebuilds a saved learning-rate schedule. The schedules live in keras4j-training, which
 * depends on this module, so they are reached by name: loading a model whose optimizer has a
 * schedule needs keras4j-training on the class path, and says so if it is missing.
 *
 * <pre>{@code
 * LearningRateSchedule s = ScheduleLookup.deserialize(savedConfig.get("learning_rate_schedule"));
 * }</pre>
 */
public final class ScheduleLookup {
    private static final String REGISTRY = "org.keras4j.optimizers.schedules.LearningRateSchedules";

    private ScheduleLookup() {
    }

    /**
     * @param nested {@code {"class_name": ..., "config": {...}}} as written by save
     * @throws IllegalArgumentException if keras4j-training is not on the class path or the schedule is unknown
     */
    @SuppressWarnings("unchecked")
    public static LearningRateSchedule deserialize(Object nested) {
        try {
            Method m = Class.forName(REGISTRY).getMethod("deserialize", Map.class);
            return (LearningRateSchedule) m.invoke(null, (Map<String, Object>) nested);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalArgumentException("the optimizer has a learning-rate schedule: add keras4j-training to the"
                    + " class path to load it (" + e.getMessage() + ")");
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            throw cause instanceof RuntimeException r ? r : new IllegalArgumentException(cause);
        }
    }
}
