package org.keras4j.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the training engine needs from a compiled model's backend network (a DL4J network
 * in {@code org.keras4j.internal.dl4j}). Arrays are in the user's layout (Keras shapes);
 * the implementation adapts them.
 *
 * <pre>{@code
 * double loss = network.trainBatch(x, y, null);
 * INDArray probabilities = network.predict(x);
 * List<INDArray> outputs = network.predict(List.of(title, body));   // a model with two inputs
 * }</pre>
 */
public interface CompiledNetwork {
    /**
     * One optimizer step on a batch: features per model input, labels per model output.
     *
     * @param sampleWeight per-sample loss weights {@code [n]} or null
     * @return the batch loss as Keras reports it: the sum of each output's weighted mean data
     *     loss times its loss weight, plus weight penalties
     */
    double trainBatch(List<INDArray> x, List<INDArray> y, INDArray sampleWeight);

    /** {@link #trainBatch(List, List, INDArray)} for a model with one input and one output. */
    default double trainBatch(INDArray x, INDArray y, INDArray sampleWeight) {
        return trainBatch(List.of(x), List.of(y), sampleWeight);
    }

    /** Keeps the outputs of each training step's forward pass, for training metrics. */
    void setCaptureTrainOutputs(boolean capture);

    /** The outputs of the last training step's forward pass, one per model output (training mode, before the update). */
    List<INDArray> lastTrainOutputs();

    /** Outputs in inference mode, one per model output. */
    List<INDArray> predict(List<INDArray> x);

    /** {@link #predict(List)} for a model with one input and one output. */
    default INDArray predict(INDArray x) {
        return predict(List.of(x)).get(0);
    }

    /**
     * The Keras mask each model output carries for these inputs ({@code [batch, timesteps]}, 1
     * for a step that counts), or null for an output without one; masked steps count neither in
     * the loss nor in the metrics. The list is null when the model has no masks.
     */
    default List<INDArray> outputMasks(List<INDArray> x) {
        return null;
    }

    /** The current weight penalty (l1/l2 regularizers), added to evaluated losses as Keras does. */
    double regularizationPenalty();

    /** All parameters, flattened, as a copy. */
    INDArray params();

    void setParams(INDArray params);

    /** The optimizer's state (moments, accumulators), flattened, as a copy; empty for plain SGD. */
    INDArray optimizerState();

    void setOptimizerState(INDArray state);

    /** Steps taken so far (drives Adam's bias correction). */
    int iterationCount();

    void setIterationCount(int iterations);

    void setEpochCount(int epoch);

    void setLearningRate(double learningRate);

    long numParams();

    /**
     * Makes this network the home of its layers' weights before it runs: layers that another
     * model (sharing them) has used since get their current values copied in.
     */
    default void claimWeights() {
    }

    /** The backend network itself, for users who need DL4J directly. */
    Object unwrap();
}
