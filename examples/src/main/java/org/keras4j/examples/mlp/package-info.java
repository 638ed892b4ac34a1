/**
 * Course exercises on multi-layer perceptrons: XOR, concrete strength regression, car evaluation.
 */
package org.keras4j.examples.mlp;
