/**
 * Keras's pooling layers, channels-last: max and average pooling over windows
 * ({@link org.keras4j.layers.pooling.MaxPooling2D}, {@link org.keras4j.layers.pooling.AveragePooling2D}
 * and their 1-D forms) and over whole inputs ({@link org.keras4j.layers.pooling.GlobalMaxPooling2D},
 * {@link org.keras4j.layers.pooling.GlobalAveragePooling2D} and their 1-D forms). No parameters.
 */
package org.keras4j.layers.pooling;
