/**
 * Keras's recurrent layers on {@code (timesteps, features)} sequences:
 * {@link org.keras4j.layers.rnn.LSTM}, {@link org.keras4j.layers.rnn.GRU} and
 * {@link org.keras4j.layers.rnn.SimpleRNN},
 * sharing {@link org.keras4j.layers.rnn.BaseRNN}'s arguments. They output the last time
 * step, or every step with {@code withReturnSequences(true)}; parameter counts are Keras's.
 * {@link org.keras4j.layers.rnn.Bidirectional} runs one of them over the sequence in both
 * directions and merges the two outputs. A {@code stateful} layer starts each call from the
 * previous call's final states until {@code resetStates()} (or {@code Model.resetStates()}).
 */
package org.keras4j.layers.rnn;
