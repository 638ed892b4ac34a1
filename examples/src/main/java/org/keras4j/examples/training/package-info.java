/**
 * Course exercises on training: activation functions and the vanishing gradient, early stopping,
 * checkpoints and resuming after a kill, learning rates, dropout, momentum and weight initialisation; each draws its curves to a PNG file in
 * {@link org.keras4j.examples.training.OutputFiles#directory()}.
 */
package org.keras4j.examples.training;
