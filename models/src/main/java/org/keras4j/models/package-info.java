/**
 * Ready-made models built from keras4j's public API, and models trained without back-propagation:
 * {@link org.keras4j.models.PCA}, the restricted Boltzmann machine {@link org.keras4j.models.RBM}, deep belief
 * networks ({@link org.keras4j.models.DBN}) and collaborative filtering with an RBM
 * ({@link org.keras4j.models.RatingRBM}). Sequences: {@link org.keras4j.models.SequenceForecaster}, stacked LSTMs
 * forecasting a time series from windows.
 *
 * <pre>{@code
 * SequenceForecaster f = SequenceForecaster.lstm(24, 1, 1, 32).compile("adam", "mse");
 * }</pre>
 */
package org.keras4j.models;
