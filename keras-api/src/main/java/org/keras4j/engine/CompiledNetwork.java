package org.keras4j.engine;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What the training engine needs from a compiled model's backend network (a DL4J network
 * in {@code org.keras4j.internal.dl4j}). Arrays are in the user's layout (Keras shapes);
 * the implementation adapts them.
 *
 * <pre>{@code
 * double loss = network.trainBatch(x, y, null);
 * INDArray probabilities = network.predict(x);
 * }</pre>
 */
public interface CompiledNetwork {
    /**
     * One optimizer step on a batch.
     *
     * @param sampleWeight per-sample loss weights {@code [n]} or null
     * @return the batch loss as Keras reports it: weighted mean data loss plus weight penalties
     */
    double trainBatch(INDArray x, INDArray y, INDArray sampleWeight);

    /** Keeps the outputs of each training step's forward pass, for training metrics. */
    void setCaptureTrainOutputs(boolean capture);

    /** The outputs of the last training step's forward pass (training mode, before the update). */
    INDArray lastTrainOutputs();

    /** Outputs in inference mode. */
    INDArray predict(INDArray x);

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

    /** The backend network itself, for users who need DL4J directly. */
    Object unwrap();
}
