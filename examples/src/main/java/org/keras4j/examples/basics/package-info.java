/**
 * Course basics on ND4J alone, before any model: tensors and automatic differentiation; and back-propagation
 * by hand on the course's two-neuron network, checked against SameDiff and one keras4j SGD step.
 *
 * <pre>{@code
 * ./keras4j run tensors autodiff backprop-by-hand
 * }</pre>
 */
package org.keras4j.examples.basics;
