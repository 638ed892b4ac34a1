/**
 * Ready-made models built from keras4j's public API, and models trained without back-propagation:
 * {@link org.keras4j.models.PCA}, the restricted Boltzmann machine {@link org.keras4j.models.RBM}, deep belief
 * networks and collaborative filtering with an RBM.
 */
package org.keras4j.models;
