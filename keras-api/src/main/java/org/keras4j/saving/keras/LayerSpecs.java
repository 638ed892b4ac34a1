package org.keras4j.saving.keras;

import java.util.LinkedHashMap;
import java.util.Map;
import org.keras4j.saving.keras.KerasObjects.Family;

/**
 * The one table of Keras layer classes keras4j reads and writes: for each, Keras 3.13's arguments in its
 * {@code get_config} order with their defaults, the keras4j layer it becomes, and what keras4j does with each
 * argument ({@link LayerSpec.Kind}). Older names (Keras 2's LeakyReLU {@code alpha}) are listed as renames; Keras 1's
 * whole vocabulary is rewritten first by {@link Keras1Layers}.
 *
 * <pre>{@code
 * LayerSpec conv = LayerSpecs.forKeras("Conv2D");
 * LayerSpec again = LayerSpecs.forKeras4j("Conv2D");
 * }</pre>
 */
final class LayerSpecs {
    static final String NO_ACTIVITY_REGULARIZER = "keras4j has no activity regularizers";
    private static final String NO_CONSTRAINT = "keras4j supports weight constraints on Dense and Embedding only";
    private static final String NO_LORA = "keras4j has no LoRA adapters";
    private static final String NO_QUANTIZATION = "keras4j has no quantized layers";
    private static final Map<String, LayerSpec> BY_KERAS = new LinkedHashMap<>();
    private static final Map<String, LayerSpec> BY_KERAS4J = new LinkedHashMap<>();

    static {
        add(new LayerSpec("Dense", "Dense", true).same("units", null).activation("activation", "linear")
                .same("use_bias", true).initializer("kernel_initializer", "glorot_uniform")
                .initializer("bias_initializer", "zeros").regularizer("kernel_regularizer").regularizer("bias_regularizer")
                .constraint("kernel_constraint").constraint("bias_constraint")
                .fixed("quantization_config", null, NO_QUANTIZATION)
                .unwritten("activity_regularizer", null, NO_ACTIVITY_REGULARIZER)
                .unwritten("lora_rank", null, NO_LORA).unwritten("lora_alpha", null, NO_LORA));
        for (String conv : new String[] {"Conv1D", "Conv2D"}) {
            add(conv(new LayerSpec(conv, conv, true).same("filters", null)).fixed("groups", 1,
                    "keras4j has no grouped convolutions")
                    .activation("activation", "linear").same("use_bias", true)
                    .initializer("kernel_initializer", "glorot_uniform").initializer("bias_initializer", "zeros")
                    .regularizer("kernel_regularizer").regularizer("bias_regularizer")
                    .fixed("activity_regularizer", null, NO_ACTIVITY_REGULARIZER)
                    .fixed("kernel_constraint", null, NO_CONSTRAINT).fixed("bias_constraint", null, NO_CONSTRAINT)
                    .unwritten("lora_rank", null, NO_LORA).unwritten("lora_alpha", null, NO_LORA));
        }
        add(conv(new LayerSpec("Conv2DTranspose", "Conv2DTranspose", true).same("filters", null))
                .activation("activation", "linear").same("use_bias", true)
                .initializer("kernel_initializer", "glorot_uniform").initializer("bias_initializer", "zeros")
                .regularizer("kernel_regularizer").regularizer("bias_regularizer")
                .fixed("activity_regularizer", null, NO_ACTIVITY_REGULARIZER)
                .fixed("kernel_constraint", null, NO_CONSTRAINT).fixed("bias_constraint", null, NO_CONSTRAINT)
                .unwritten("output_padding", null, "keras4j's Conv2DTranspose has no output_padding"));
        add(conv(new LayerSpec("DepthwiseConv2D", "DepthwiseConv2D", true).same("depth_multiplier", 1))
                .activation("activation", "linear").same("use_bias", true)
                .initializer("depthwise_initializer", "glorot_uniform").initializer("bias_initializer", "zeros")
                .regularizer("depthwise_regularizer").regularizer("bias_regularizer")
                .fixed("activity_regularizer", null, NO_ACTIVITY_REGULARIZER)
                .fixed("depthwise_constraint", null, NO_CONSTRAINT).fixed("bias_constraint", null, NO_CONSTRAINT));
        add(conv(new LayerSpec("SeparableConv2D", "SeparableConv2D", true).same("depth_multiplier", 1)
                .same("filters", null)).activation("activation", "linear").same("use_bias", true)
                .initializer("depthwise_initializer", "glorot_uniform").initializer("pointwise_initializer", "glorot_uniform")
                .initializer("bias_initializer", "zeros").regularizer("depthwise_regularizer")
                .regularizer("pointwise_regularizer").regularizer("bias_regularizer")
                .fixed("activity_regularizer", null, NO_ACTIVITY_REGULARIZER)
                .fixed("depthwise_constraint", null, NO_CONSTRAINT).fixed("pointwise_constraint", null, NO_CONSTRAINT)
                .fixed("bias_constraint", null, NO_CONSTRAINT));
        for (String pool : new String[] {"MaxPooling1D", "MaxPooling2D", "AveragePooling1D", "AveragePooling2D"}) {
            add(new LayerSpec(pool, pool, false).same("pool_size", null).same("padding", "valid").same("strides", null)
                    .dataFormat());
        }
        for (String pool : new String[] {"GlobalMaxPooling1D", "GlobalMaxPooling2D", "GlobalAveragePooling1D",
                "GlobalAveragePooling2D"}) {
            add(new LayerSpec(pool, pool, false).dataFormat().same("keepdims", false));
        }
        add(new LayerSpec("Activation", "Activation", false).activation("activation", null));
        add(new LayerSpec("ReLU", "ReLU", false).same("max_value", null).same("negative_slope", 0.0).same("threshold", 0.0));
        add(new LayerSpec("LeakyReLU", "LeakyReLU", false).same("negative_slope", 0.3).renamed("alpha", "negative_slope"));
        add(new LayerSpec("ELU", "ELU", false).same("alpha", 1.0));
        add(new LayerSpec("Softmax", "Softmax", false).same("axis", -1));
        add(new LayerSpec("Dropout", "Dropout", false).same("rate", null).free("seed", null)
                .fixed("noise_shape", null, "keras4j's Dropout drops every value independently (no noise_shape)"));
        add(new LayerSpec("SpatialDropout2D", "SpatialDropout2D", false).same("rate", null).free("seed", null)
                .dataFormat());
        add(new LayerSpec("GaussianNoise", "GaussianNoise", false).same("stddev", null).free("seed", null));
        add(new LayerSpec("Flatten", "Flatten", true).dataFormat());
        add(new LayerSpec("Reshape", "Reshape", true).same("target_shape", null));
        add(new LayerSpec("Permute", "Permute", true).same("dims", null));
        add(new LayerSpec("RepeatVector", "RepeatVector", true).same("n", null));
        add(new LayerSpec("ZeroPadding2D", "ZeroPadding2D", true).same("padding", java.util.List.of(
                java.util.List.of(1, 1), java.util.List.of(1, 1))).dataFormat());
        add(new LayerSpec("Cropping2D", "Cropping2D", true).same("cropping", java.util.List.of(
                java.util.List.of(0, 0), java.util.List.of(0, 0))).dataFormat());
        add(new LayerSpec("UpSampling2D", "UpSampling2D", true).same("size", java.util.List.of(2, 2)).dataFormat()
                .same("interpolation", "nearest"));
        add(new LayerSpec("Masking", "Masking", false).same("mask_value", 0.0));
        add(new LayerSpec("BatchNormalization", "BatchNormalization", true).lastAxis().same("momentum", 0.99)
                .same("epsilon", 0.001).same("center", true).same("scale", true)
                .fixedObject("beta_initializer", Family.INITIALIZER, "zeros", "keras4j starts beta at zeros")
                .fixedObject("gamma_initializer", Family.INITIALIZER, "ones", "keras4j starts gamma at ones")
                .fixedObject("moving_mean_initializer", Family.INITIALIZER, "zeros", "keras4j starts the moving mean at zeros")
                .fixedObject("moving_variance_initializer", Family.INITIALIZER, "ones",
                        "keras4j starts the moving variance at ones")
                .fixedObject("beta_regularizer", Family.REGULARIZER, null, "keras4j's BatchNormalization has no regularizers")
                .fixedObject("gamma_regularizer", Family.REGULARIZER, null, "keras4j's BatchNormalization has no regularizers")
                .fixedObject("beta_constraint", Family.CONSTRAINT, null, NO_CONSTRAINT)
                .fixedObject("gamma_constraint", Family.CONSTRAINT, null, NO_CONSTRAINT)
                .fixed("synchronized", false, "keras4j trains on one device")
                .unwritten("renorm", false, "keras4j has no batch renormalization")
                .unwritten("renorm_clipping", null, "keras4j has no batch renormalization")
                .unwritten("renorm_momentum", 0.99, "keras4j has no batch renormalization")
                .unwritten("virtual_batch_size", null, "keras4j normalizes over the whole batch")
                .unwritten("adjustment", null, "keras4j has no BatchNormalization adjustment")
                .legacyFree("fused"));
        add(new LayerSpec("Embedding", "Embedding", true).same("input_dim", null).same("output_dim", null)
                .initializer("embeddings_initializer", "random_uniform").regularizer("embeddings_regularizer")
                .fixed("activity_regularizer", null, NO_ACTIVITY_REGULARIZER).constraint("embeddings_constraint")
                .same("mask_zero", false).fixed("quantization_config", null, NO_QUANTIZATION)
                .unwritten("lora_rank", null, NO_LORA).unwritten("lora_alpha", null, NO_LORA).legacyFree("input_length"));
        for (String merge : new String[] {"Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum"}) {
            add(new LayerSpec(merge, merge, true));
        }
        add(new LayerSpec("Concatenate", "Concatenate", true).same("axis", -1));
        add(new LayerSpec("Dot", "Dot", true).same("axes", null).same("normalize", false));
        add(recurrent(new LayerSpec("SimpleRNN", "SimpleRNN", true).same("units", null).activation("activation", "tanh")
                .same("use_bias", true), false));
        add(recurrent(new LayerSpec("LSTM", "LSTM", true).same("units", null).activation("activation", "tanh")
                .activation("recurrent_activation", "sigmoid").same("use_bias", true), true));
        add(recurrent(new LayerSpec("GRU", "GRU", true).same("units", null).activation("activation", "tanh")
                .activation("recurrent_activation", "sigmoid").same("use_bias", true), false).same("reset_after", true));
        add(new LayerSpec("Bidirectional", "Bidirectional", true).same("merge_mode", "concat").same("layer", null)
                .same("backward_layer", null));
        add(new LayerSpec("TimeDistributed", "TimeDistributed", true).same("layer", null));
    }

    private LayerSpecs() {
    }

    /** The spec of Keras class {@code kerasClass} (Keras 2 / 3 names), or null if keras4j has no such layer. */
    static LayerSpec forKeras(String kerasClass) {
        return BY_KERAS.get(kerasClass);
    }

    /** The spec of the keras4j layer class {@code className} ({@code Layer.className()}), or null. */
    static LayerSpec forKeras4j(String className) {
        return BY_KERAS4J.get(className);
    }

    /** Every Keras layer class keras4j builds, for messages. */
    static java.util.Set<String> kerasClasses() {
        return BY_KERAS.keySet();
    }

    private static void add(LayerSpec spec) {
        BY_KERAS.put(spec.kerasClass(), spec);
        BY_KERAS4J.put(spec.keras4jClass(), spec);
    }

    /** The arguments every convolution shares after its own first ones, up to its activation. */
    private static LayerSpec conv(LayerSpec spec) {
        return spec.same("kernel_size", null).same("strides", 1).same("padding", "valid").dataFormat()
                .same("dilation_rate", 1);
    }

    /** The initializers, regularizers, constraints, dropout and RNN flags of SimpleRNN, LSTM and GRU. */
    private static LayerSpec recurrent(LayerSpec spec, boolean lstm) {
        spec.initializer("kernel_initializer", "glorot_uniform").initializer("recurrent_initializer", "orthogonal")
                .initializer("bias_initializer", "zeros");
        if (lstm) {
            spec.same("unit_forget_bias", true);
        }
        return spec.regularizer("kernel_regularizer").regularizer("recurrent_regularizer").regularizer("bias_regularizer")
                .fixed("activity_regularizer", null, NO_ACTIVITY_REGULARIZER)
                .fixed("kernel_constraint", null, NO_CONSTRAINT).fixed("recurrent_constraint", null, NO_CONSTRAINT)
                .fixed("bias_constraint", null, NO_CONSTRAINT).same("dropout", 0.0).same("recurrent_dropout", 0.0)
                .free("seed", null).same("return_sequences", false).same("return_state", false)
                .same("go_backwards", false).same("stateful", false).free("unroll", false)
                .same("zero_output_for_mask", false)
                .legacyFree("implementation").unwritten("time_major", false, "keras4j's sequences are batch-major")
                .legacyFree("use_cudnn");
    }
}
