package org.keras4j.utils;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Resolves one family of Keras identifiers ({@code "relu"}, {@code "adam"}, …) to objects.
 *
 * <p>An unknown name fails with the list of valid names and the closest match:
 * {@code Unknown optimizer 'adamm'. Did you mean 'adam'? Valid: adadelta, adagrad, …}.
 *
 * <pre>{@code
 * Registry<Optimizer> optimizers = new Registry<>("optimizer");
 * optimizers.register(cfg -> new Adam(), "adam");
 * Optimizer adam = optimizers.get("adam");
 * }</pre>
 *
 * @param <T> what the identifiers name
 */
public final class Registry<T> {
    private final String family;
    private final Map<String, Function<Map<String, Object>, T>> factories = new LinkedHashMap<>();

    public Registry(String family) {
        this.family = family;
    }

    /** Registers a factory from a config map under one or more names (aliases). */
    public Registry<T> register(Function<Map<String, Object>, T> factory, String... names) {
        for (String name : names) {
            factories.put(normalize(name), factory);
        }
        return this;
    }

    /** The object for {@code name} with default arguments. */
    public T get(String name) {
        return fromConfig(name, Collections.emptyMap());
    }

    /** The object for {@code name} built from a config map (as written by save). */
    public T fromConfig(String name, Map<String, Object> config) {
        if (name == null) {
            throw new IllegalArgumentException(family + " identifier must not be null. Valid: " + String.join(", ", names()));
        }
        Function<Map<String, Object>, T> factory = factories.get(normalize(name));
        if (factory == null) {
            throw new IllegalArgumentException(unknownMessage(name));
        }
        return factory.apply(config == null ? Collections.emptyMap() : config);
    }

    public boolean contains(String name) {
        return name != null && factories.containsKey(normalize(name));
    }

    public Set<String> names() {
        return new TreeSet<>(factories.keySet());
    }

    private String unknownMessage(String name) {
        StringBuilder sb = new StringBuilder("Unknown ").append(family).append(" '").append(name).append("'.");
        String best = closest(normalize(name));
        if (best != null) {
            sb.append(" Did you mean '").append(best).append("'?");
        }
        return sb.append(" Valid ").append(family).append(" identifiers: ").append(String.join(", ", names())).toString();
    }

    private String closest(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : names()) {
            int d = editDistance(name, candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return bestDistance <= Math.max(2, name.length() / 3) ? best : null;
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
