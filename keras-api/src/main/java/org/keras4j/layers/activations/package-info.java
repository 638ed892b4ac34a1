/**
 * Activation layers with parameters ({@code ReLU}, {@code LeakyReLU}, {@code ELU}, {@code Softmax}).
 */
package org.keras4j.layers.activations;
