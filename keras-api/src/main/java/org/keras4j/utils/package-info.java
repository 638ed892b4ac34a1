/**
 * Utilities as Keras's {@code keras.utils}: one-hot encoding ({@link org.keras4j.utils.Categorical}),
 * train/test splits ({@link org.keras4j.utils.Splits}), and the identifier registries and config
 * helpers that save/load and {@code compile} share.
 */
package org.keras4j.utils;
