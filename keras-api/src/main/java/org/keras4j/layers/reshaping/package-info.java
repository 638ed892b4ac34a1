/**
 * Reshaping layers ({@code Flatten}, {@code Reshape}, padding, cropping, up-sampling).
 */
package org.keras4j.layers.reshaping;
