package org.keras4j.utils;

import java.util.Map;

/**
 * Something that save/load can write as an identifier plus a config map and rebuild through
 * its family's {@link Registry}, as Keras's {@code get_config} / {@code from_config}.
 */
public interface Configurable {
    /** The identifier its registry resolves, e.g. {@code "adam"} or {@code "Dense"}. */
    String identifier();

    /** Every argument needed to rebuild it; values are numbers, booleans, strings, lists or maps. */
    Map<String, Object> getConfig();
}
