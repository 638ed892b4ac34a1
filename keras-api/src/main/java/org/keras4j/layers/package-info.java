/**
 * Keras's layers, grouped as in Keras: {@code core}, {@code convolutional}, {@code pooling}, {@code regularization},
 * {@code reshaping}, {@code normalization}, {@code rnn} and {@code activations}. Layers are declarative:
 * configuration, output shape and parameter count; translation to DL4J lives in
 * {@code org.keras4j.internal.dl4j}.
 */
package org.keras4j.layers;
