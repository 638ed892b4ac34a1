/**
 * Keras's convolution layers, channels-last: {@link org.keras4j.layers.convolutional.Conv1D}
 * on {@code (steps, channels)}, {@link org.keras4j.layers.convolutional.Conv2D},
 * {@link org.keras4j.layers.convolutional.Conv2DTranspose},
 * {@link org.keras4j.layers.convolutional.DepthwiseConv2D} and
 * {@link org.keras4j.layers.convolutional.SeparableConv2D} on {@code (height, width, channels)}.
 * Output shapes and parameter counts follow Keras's arithmetic
 * ({@link org.keras4j.layers.convolutional.ConvUtils}).
 */
package org.keras4j.layers.convolutional;
