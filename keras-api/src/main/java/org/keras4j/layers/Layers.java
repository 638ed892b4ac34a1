package org.keras4j.layers;

import java.util.Map;
import org.keras4j.layers.activations.ELU;
import org.keras4j.layers.activations.LeakyReLU;
import org.keras4j.layers.activations.ReLU;
import org.keras4j.layers.activations.Softmax;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Masking;
import org.keras4j.layers.convolutional.Conv1D;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.convolutional.Conv2DTranspose;
import org.keras4j.layers.convolutional.DepthwiseConv2D;
import org.keras4j.layers.convolutional.SeparableConv2D;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.merging.Add;
import org.keras4j.layers.merging.Average;
import org.keras4j.layers.merging.Concatenate;
import org.keras4j.layers.merging.Dot;
import org.keras4j.layers.merging.Maximum;
import org.keras4j.layers.merging.Minimum;
import org.keras4j.layers.merging.Multiply;
import org.keras4j.layers.merging.Subtract;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.pooling.AveragePooling1D;
import org.keras4j.layers.pooling.AveragePooling2D;
import org.keras4j.layers.pooling.GlobalAveragePooling1D;
import org.keras4j.layers.pooling.GlobalAveragePooling2D;
import org.keras4j.layers.pooling.GlobalMaxPooling1D;
import org.keras4j.layers.pooling.GlobalMaxPooling2D;
import org.keras4j.layers.pooling.MaxPooling1D;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.GRU;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.SimpleRNN;
import org.keras4j.layers.rnn.TimeDistributed;
import org.keras4j.layers.regularization.GaussianNoise;
import org.keras4j.layers.regularization.SpatialDropout2D;
import org.keras4j.layers.reshaping.Cropping2D;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.reshaping.Permute;
import org.keras4j.layers.reshaping.RepeatVector;
import org.keras4j.layers.reshaping.Reshape;
import org.keras4j.layers.reshaping.UpSampling2D;
import org.keras4j.layers.reshaping.ZeroPadding2D;
import org.keras4j.utils.Registry;

/**
 * Rebuilds layers from their saved class name and config (Keras's {@code deserialize}).
 *
 * <pre>{@code
 * Layer dense = Layers.fromConfig("Dense", Map.of("units", 10));
 * }</pre>
 */
public final class Layers {
    private static final Registry<Layer> REGISTRY = new Registry<Layer>("layer")
            .register(Input::fromConfig, "InputLayer")
            .register(Dense::fromConfig, "Dense")
            .register(Activation::fromConfig, "Activation")
            .register(Dropout::fromConfig, "Dropout")
            .register(GaussianNoise::fromConfig, "GaussianNoise")
            .register(Flatten::fromConfig, "Flatten")
            .register(Reshape::fromConfig, "Reshape")
            .register(BatchNormalization::fromConfig, "BatchNormalization")
            .register(LeakyReLU::fromConfig, "LeakyReLU")
            .register(ReLU::fromConfig, "ReLU")
            .register(ELU::fromConfig, "ELU")
            .register(Softmax::fromConfig, "Softmax")
            // Keras's class names first, then the aliases Keras also exports
            .register(Conv1D::fromConfig, "Conv1D", "Convolution1D")
            .register(Conv2D::fromConfig, "Conv2D", "Convolution2D")
            .register(Conv2DTranspose::fromConfig, "Conv2DTranspose", "Convolution2DTranspose")
            .register(DepthwiseConv2D::fromConfig, "DepthwiseConv2D")
            .register(SeparableConv2D::fromConfig, "SeparableConv2D", "SeparableConvolution2D")
            .register(MaxPooling1D::fromConfig, "MaxPooling1D", "MaxPool1D")
            .register(MaxPooling2D::fromConfig, "MaxPooling2D", "MaxPool2D")
            .register(AveragePooling1D::fromConfig, "AveragePooling1D", "AvgPool1D")
            .register(AveragePooling2D::fromConfig, "AveragePooling2D", "AvgPool2D")
            .register(GlobalMaxPooling1D::fromConfig, "GlobalMaxPooling1D", "GlobalMaxPool1D")
            .register(GlobalMaxPooling2D::fromConfig, "GlobalMaxPooling2D", "GlobalMaxPool2D")
            .register(GlobalAveragePooling1D::fromConfig, "GlobalAveragePooling1D", "GlobalAvgPool1D")
            .register(GlobalAveragePooling2D::fromConfig, "GlobalAveragePooling2D", "GlobalAvgPool2D")
            .register(ZeroPadding2D::fromConfig, "ZeroPadding2D")
            .register(Cropping2D::fromConfig, "Cropping2D")
            .register(UpSampling2D::fromConfig, "UpSampling2D")
            .register(SpatialDropout2D::fromConfig, "SpatialDropout2D")
            .register(LSTM::fromConfig, "LSTM")
            .register(SimpleRNN::fromConfig, "SimpleRNN")
            .register(Bidirectional::fromConfig, "Bidirectional")
            .register(GRU::fromConfig, "GRU")
            .register(Add::fromConfig, "Add")
            .register(Subtract::fromConfig, "Subtract")
            .register(Multiply::fromConfig, "Multiply")
            .register(Average::fromConfig, "Average")
            .register(Maximum::fromConfig, "Maximum")
            .register(Minimum::fromConfig, "Minimum")
            .register(Concatenate::fromConfig, "Concatenate")
            .register(Dot::fromConfig, "Dot")
            .register(Embedding::fromConfig, "Embedding")
            .register(Masking::fromConfig, "Masking")
            .register(RepeatVector::fromConfig, "RepeatVector")
            .register(Permute::fromConfig, "Permute")
            .register(TimeDistributed::fromConfig, "TimeDistributed");

    private Layers() {
    }

    public static Layer fromConfig(String className, Map<String, Object> config) {
        return REGISTRY.fromConfig(className, config);
    }
}
