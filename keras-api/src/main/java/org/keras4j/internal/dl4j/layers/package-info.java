/**
 * DL4J layers that keras4j uses in place of DL4J's own where DL4J 1.0.0-M2.1 is needlessly slow:
 * the same configuration, parameters and results, fewer native operations. Each configuration
 * class extends DL4J's, so DL4J code (and keras4j's) that recognizes the layer still does, and it
 * serializes with DL4J's JSON configuration (public no-argument constructor). A few fix what
 * DL4J gets wrong for Keras's semantics ({@link org.keras4j.internal.dl4j.layers.KerasBidirectional}:
 * the last steps of a bidirectional layer, masks given to both directions, an LSTM backprop that
 * honours the mask).
 *
 * <p>Also keras4j's own recurrent layer, for what DL4J cannot do: {@link
 * org.keras4j.internal.dl4j.layers.KerasRecurrent} (configuration) and {@link
 * org.keras4j.internal.dl4j.layers.KerasRecurrentLayer}, running Keras's SimpleRNN, LSTM and GRU
 * cells ({@code SimpleRnnCell}, {@code LstmCell}, {@code GruCell}) in {@code RecurrentSteps}, the
 * per-step technique of the fused LSTM ({@code LstmSteps}): one product per step on column-major
 * blocks ({@code StepBlocks}, {@code StepGemm}), libnd4j's legacy element-wise operations.
 * {@link org.keras4j.internal.dl4j.layers.BidirectionalRecurrent} (configuration) and {@link
 * org.keras4j.internal.dl4j.layers.BidirectionalRecurrentLayer} run Keras's {@code Bidirectional}
 * on two of them, each half with its own parameters ({@code BidirectionalRecurrentParams}).
 */
package org.keras4j.internal.dl4j.layers;
