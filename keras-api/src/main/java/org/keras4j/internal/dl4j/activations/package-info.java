/**
 * DL4J {@link org.nd4j.linalg.activations.IActivation}s for the Keras activations whose DL4J
 * 1.0.0-M2.1 counterpart computes a different formula (hard_sigmoid, gelu), ignores an argument
 * in its gradient (elu), overflows in float32 (softplus, silu, mish) or is missing (exponential,
 * hard_silu, log_softmax, binary_step, relu with a threshold or cap), and plain relu, whose DL4J
 * gradient is 30x slower than it needs to be. Each computes Keras 3's function and its exact
 * derivative; {@code Dl4jActivations} picks them. They serialize with
 * DL4J's JSON configuration (public no-argument constructor, fields with getters).
 */
package org.keras4j.internal.dl4j.activations;
