/**
 * Sequence data: time series cut into supervised windows ({@link org.keras4j.datasets.sequence.SlidingWindows},
 * {@link org.keras4j.datasets.sequence.Windows}), split in time order and scaled on the training part only
 * ({@link org.keras4j.datasets.sequence.SeriesSplit}, {@link org.keras4j.datasets.sequence.SeriesWindows}), and
 * Keras's {@code pad_sequences} ({@link org.keras4j.datasets.sequence.Sequences#padSequences}). Shapes are Keras's:
 * {@code x [n, window, features]}, {@code y [n, horizon]} or {@code [n, horizon, targets]}, float32.
 *
 * <pre>{@code
 * SeriesWindows data = SeriesSplit.of(0.7, 0.15).scaler(MinMaxScaler::new)
 *         .windows(series, SlidingWindows.of(24).horizon(1));
 * }</pre>
 */
package org.keras4j.datasets.sequence;
