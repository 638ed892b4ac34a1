package org.keras4j.saving.keras;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.keras4j.saving.keras.KerasObjects.Family;

/**
 * One Keras layer class as keras4j reads and writes it: its Keras 3 arguments in Keras's order, each with Keras's
 * default and what keras4j does with it. Built by {@link LayerSpecs}; used both ways, so that reading a Keras config
 * and writing one cannot disagree.
 *
 * <pre>{@code
 * LayerSpec dense = LayerSpecs.forKeras("Dense");
 * Map<String, Object> k4j = dense.read(kerasConfig, false, scope);   // keras4j's config, or null (problems in scope)
 * }</pre>
 */
final class LayerSpec {
    /** What keras4j does with an argument. */
    enum Kind {
        /** keras4j reads the same key with the same meaning. */
        SAME,
        /** A nested activation, initializer, regularizer or constraint, translated by {@link KerasObjects}. */
        NESTED,
        /** keras4j does not honour it: only Keras's default is accepted. */
        FIXED,
        /** keras4j does not honour it and it changes nothing that matters once weights are loaded (seeds, unroll). */
        FREE,
        /** {@code data_format}: keras4j computes channels-last only. */
        DATA_FORMAT,
        /** BatchNormalization's {@code axis}: the last one, checked against the input's rank when the graph is built. */
        LAST_AXIS
    }

    /**
     * One argument.
     *
     * @param kerasDefault Keras's default: for a nested object the keras4j identifier ({@code "glorot_uniform"}) or null
     * @param written      whether Keras 3.13's {@code get_config} writes it always (lora_rank only when set, ...)
     * @param why          for FIXED, why keras4j refuses other values
     */
    record Arg(String key, Kind kind, Family family, Object kerasDefault, boolean written, String why) {
    }

    private final String kerasClass;
    private final String keras4jClass;
    private final boolean buildConfig;
    private final List<Arg> args = new ArrayList<>();
    private final Map<String, String> renamed = new LinkedHashMap<>();

    LayerSpec(String kerasClass, String keras4jClass, boolean buildConfig) {
        this.kerasClass = kerasClass;
        this.keras4jClass = keras4jClass;
        this.buildConfig = buildConfig;
    }

    String kerasClass() {
        return kerasClass;
    }

    String keras4jClass() {
        return keras4jClass;
    }

    /** Whether Keras 3 writes a {@code build_config} for this layer (false for layers built at construction). */
    boolean buildConfig() {
        return buildConfig;
    }

    List<Arg> args() {
        return args;
    }

    Arg arg(String key) {
        for (Arg a : args) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        return null;
    }

    // ---- the table's vocabulary ----

    LayerSpec same(String key, Object kerasDefault) {
        args.add(new Arg(key, Kind.SAME, null, kerasDefault, true, null));
        return this;
    }

    LayerSpec activation(String key, String kerasDefault) {
        args.add(new Arg(key, Kind.NESTED, Family.ACTIVATION, kerasDefault, true, null));
        return this;
    }

    LayerSpec initializer(String key, String kerasDefault) {
        args.add(new Arg(key, Kind.NESTED, Family.INITIALIZER, kerasDefault, true, null));
        return this;
    }

    LayerSpec regularizer(String key) {
        args.add(new Arg(key, Kind.NESTED, Family.REGULARIZER, null, true, null));
        return this;
    }

    LayerSpec constraint(String key) {
        args.add(new Arg(key, Kind.NESTED, Family.CONSTRAINT, null, true, null));
        return this;
    }

    /** An argument keras4j lacks; Keras writes it with its default. */
    LayerSpec fixed(String key, Object kerasDefault, String why) {
        args.add(new Arg(key, Kind.FIXED, null, kerasDefault, true, why));
        return this;
    }

    /** A nested object keras4j lacks (BatchNormalization's initializers): only Keras's default is accepted. */
    LayerSpec fixedObject(String key, Family family, String kerasDefault, String why) {
        args.add(new Arg(key, Kind.FIXED, family, kerasDefault, true, why));
        return this;
    }

    /** An argument keras4j lacks that Keras writes only when it is set (lora_rank, Keras 2's implementation...). */
    LayerSpec unwritten(String key, Object kerasDefault, String why) {
        args.add(new Arg(key, Kind.FIXED, null, kerasDefault, false, why));
        return this;
    }

    LayerSpec free(String key, Object kerasDefault) {
        args.add(new Arg(key, Kind.FREE, null, kerasDefault, true, null));
        return this;
    }

    /** A harmless argument of older Keras versions that Keras 3 no longer writes. */
    LayerSpec legacyFree(String key) {
        args.add(new Arg(key, Kind.FREE, null, null, false, null));
        return this;
    }

    LayerSpec dataFormat() {
        args.add(new Arg("data_format", Kind.DATA_FORMAT, null, "channels_last", true, null));
        return this;
    }

    LayerSpec lastAxis() {
        args.add(new Arg("axis", Kind.LAST_AXIS, null, -1, true, null));
        return this;
    }

    /** An older Keras's name for one of the arguments ({@code alpha} of Keras 2's LeakyReLU). */
    LayerSpec renamed(String oldKey, String key) {
        renamed.put(oldKey, key);
        return this;
    }

    /** The key {@code key} stands for in Keras 3 (itself unless an older version named it otherwise). */
    String current(String key) {
        return renamed.getOrDefault(key, key);
    }

    /** Whether {@code value} is Keras's default {@code kerasDefault}: numbers by value, a tuple of one as its element. */
    static boolean isDefault(Object value, Object kerasDefault) {
        if (value instanceof Number a && kerasDefault instanceof Number b) {
            return a.doubleValue() == b.doubleValue();
        }
        if (value instanceof List<?> list && !(kerasDefault instanceof List<?>)) {
            return list.stream().allMatch(v -> isDefault(v, kerasDefault));
        }
        if (value instanceof List<?> a && kerasDefault instanceof List<?> b) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!isDefault(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(value, kerasDefault);
    }
}
