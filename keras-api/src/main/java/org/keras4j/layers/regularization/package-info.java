/**
 * Regularization layers active only in training ({@code Dropout}, {@code GaussianNoise}, {@code SpatialDropout2D}).
 */
package org.keras4j.layers.regularization;
