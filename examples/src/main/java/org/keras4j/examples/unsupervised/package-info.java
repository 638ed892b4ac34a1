/**
 * The course's unsupervised-learning exercises: the matrix view of a linear autoencoder, linear
 * autoencoders against PCA, deep and denoising autoencoders, anomaly detection by reconstruction
 * error, and RBM features feeding a logistic regression, on Fashion-MNIST; images and plots go to
 * {@link org.keras4j.examples.training.OutputFiles#directory()}.
 */
package org.keras4j.examples.unsupervised;
