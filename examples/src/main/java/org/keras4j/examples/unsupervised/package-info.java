/**
 * Course exercises on unsupervised models: RBM features of Fashion-MNIST.
 */
package org.keras4j.examples.unsupervised;
