/**
 * Ready-made models built from keras4j's public API, and models trained without back-propagation:
 * {@link org.keras4j.models.PCA}, the restricted Boltzmann machine {@link org.keras4j.models.RBM}, deep belief
 * networks ({@link org.keras4j.models.DBN}) and collaborative filtering with an RBM
 * ({@link org.keras4j.models.RatingRBM}).
 */
package org.keras4j.models;
