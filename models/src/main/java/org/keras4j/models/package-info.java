/**
 * Ready-made models built from keras4j's public API, and models trained without back-propagation:
 * {@link org.keras4j.models.PCA}, the restricted Boltzmann machine {@link org.keras4j.models.RBM}, deep belief
 * networks ({@link org.keras4j.models.DBN}) and collaborative filtering with an RBM
 * ({@link org.keras4j.models.RatingRBM}). Sequences: {@link org.keras4j.models.SequenceForecaster}, stacked LSTMs
 * forecasting a time series from windows. Transfer learning: {@link org.keras4j.models.FeatureCache} trains a new head
 * on a frozen base's features computed once. Ready architectures (ResNet18, LeNet-5, the course's networks) are in
 * {@link org.keras4j.models.zoo}.
 *
 * <pre>{@code
 * SequenceForecaster f = SequenceForecaster.lstm(24, 1, 1, 32).compile("adam", "mse");
 * }</pre>
 */
package org.keras4j.models;
