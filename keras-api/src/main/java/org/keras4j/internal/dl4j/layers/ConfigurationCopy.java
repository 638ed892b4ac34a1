package org.keras4j.internal.dl4j.layers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Copies a DL4J layer configuration built by DL4J's builder into keras4j's subclass of it:
 * DL4J's builders construct only their own class, through private constructors.
 *
 * <pre>{@code
 * KerasLstm conf = ConfigurationCopy.into(new KerasLstm(), new LSTM.Builder().nIn(64).nOut(128).build());
 * }</pre>
 */
final class ConfigurationCopy {

    private ConfigurationCopy() {
    }

    /** Every instance field of {@code source}'s class and its superclasses, copied into {@code target}. */
    static <T> T into(T target, T source) {
        for (Class<?> c = source.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    copy(f, source, target);
                }
            }
        }
        return target;
    }

    private static void copy(Field field, Object source, Object target) {
        try {
            field.setAccessible(true);
            field.set(target, field.get(source));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot copy " + field.getDeclaringClass().getName() + "." + field.getName(), e);
        }
    }
}
