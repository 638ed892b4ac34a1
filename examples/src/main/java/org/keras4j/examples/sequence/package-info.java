/**
 * The course's recurrent-network exercises on sequences: the short-term model (an LSTM learns 1..20 and predicts 21)
 * and forecasting a noisy sine wave with {@link org.keras4j.models.SequenceForecaster}; plots go to
 * {@link org.keras4j.examples.training.OutputFiles#directory()}.
 *
 * <pre>{@code
 * ./keras4j run next-number
 * ./keras4j run sine-forecast
 * }</pre>
 */
package org.keras4j.examples.sequence;
