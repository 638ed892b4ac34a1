package org.keras4j.internal.dl4j;

import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.weights.WeightInit;
import org.keras4j.optimizers.Optimizer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The network-wide DL4J settings both assemblers start from: seed, float32, the optimizer as a
 * DL4J updater with its gradient clipping, Keras's default initializer and identity activation
 * (every layer sets its own), and workspaces on for training and inference.
 *
 * <pre>{@code
 * NeuralNetConfiguration.ListBuilder list = NetworkDefaults.builder(new Adam(), 42L).list();
 * }</pre>
 */
final class NetworkDefaults {
    private NetworkDefaults() {
    }

    static NeuralNetConfiguration.Builder builder(Optimizer optimizer, long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(Dl4jUpdaters.toDl4j(optimizer))
                .gradientNormalization(Dl4jUpdaters.gradientNormalization(optimizer))
                .gradientNormalizationThreshold(Dl4jUpdaters.gradientNormalizationThreshold(optimizer))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .activation(org.nd4j.linalg.activations.Activation.IDENTITY)
                .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                .cacheMode(CacheMode.NONE)
                .miniBatch(true);
    }
}
