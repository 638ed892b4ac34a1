package org.keras4j.engine;

/**
 * A compiled recurrent layer's states across calls (a {@code stateful} layer's carried states,
 * the stored state of step-by-step prediction), bound to the layer by its model:
 * {@code BaseRNN.resetStates()} goes through it, so layers never reach the backend themselves.
 *
 * <pre>{@code
 * LayerStates states = ...;     // from the model's compiled network
 * states.reset();               // the next call starts from zero states
 * }</pre>
 */
@FunctionalInterface
public interface LayerStates {

    /** Forgets the carried states: the layer's next call starts from zeros, as Keras's {@code reset_states()}. */
    void reset();
}
