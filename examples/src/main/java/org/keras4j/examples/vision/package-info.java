/**
 * Course exercises on images: Fashion-MNIST MLP and CNN, the MNIST convnet.
 */
package org.keras4j.examples.vision;
