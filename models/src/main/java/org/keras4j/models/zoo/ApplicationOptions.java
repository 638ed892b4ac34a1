package org.keras4j.models.zoo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.keras4j.Shape;

/**
 * The arguments of a {@code keras.applications} model, with Keras's defaults: {@code includeTop} true,
 * {@code weights} none, {@code inputShape} the architecture's default (224 x 224 x 3 for ResNet), {@code pooling}
 * none, {@code classes} 1000, {@code classifierActivation} {@code "softmax"}. Immutable: each method returns a copy.
 *
 * <ul>
 *   <li>{@code includeTop}: end in global average pooling and {@code Dense(classes, classifierActivation)} named
 *       {@code "predictions"}; without it the model ends at the last convolutional block.</li>
 *   <li>{@code pooling} (only without the top): {@code null} keeps the last block's feature map
 *       {@code [h, w, channels]}, {@code "avg"} or {@code "max"} pools it globally to {@code [channels]}.</li>
 *   <li>{@code weights}: a keras4j or Keras file ({@code model.save} / {@code model.saveWeights} of the same
 *       architecture: {@code .keras4j}, {@code .keras}, {@code .weights.h5}, legacy {@code .h5}) loaded by layer name,
 *       or for {@link ResNet} torchvision's weights as a {@code .npz}
 *       ({@link TorchvisionWeights}); nothing is downloaded (Keras's {@code "imagenet"} has no equivalent here), and
 *       Keras {@code .h5} / {@code .keras} files are not read yet.</li>
 * </ul>
 *
 * <pre>{@code
 * Functional base = ResNet.resnet18(ApplicationOptions.defaults()
 *         .includeTop(false).inputShape(64, 64, 3).pooling("avg"));       // output [512]
 * }</pre>
 */
public final class ApplicationOptions {
    /** The values {@link #pooling(String)} takes besides {@code null}. */
    public static final List<String> POOLINGS = List.of("avg", "max");

    private final boolean includeTop;
    private final Path weights;
    private final Shape inputShape;
    private final String pooling;
    private final int classes;
    private final String classifierActivation;

    private ApplicationOptions(boolean includeTop, Path weights, Shape inputShape, String pooling, int classes,
                               String classifierActivation) {
        this.includeTop = includeTop;
        this.weights = weights;
        this.inputShape = inputShape;
        this.pooling = pooling;
        this.classes = classes;
        this.classifierActivation = classifierActivation;
    }

    /** Keras's defaults: with the top, no weights, the architecture's input shape, 1000 classes, softmax. */
    public static ApplicationOptions defaults() {
        return new ApplicationOptions(true, null, null, null, 1000, "softmax");
    }

    /** Keras's {@code include_top}. */
    public ApplicationOptions includeTop(boolean includeTop) {
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation);
    }

    /**
     * Keras's {@code weights} as a file: a keras4j or Keras model or weights file, torchvision's ResNet weights as a
     * {@code .npz}, or {@code null} for random weights.
     *
     * @throws IllegalArgumentException if the file does not exist (checked when the model is built)
     */
    public ApplicationOptions weights(Path weights) {
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation);
    }

    /**
     * Keras's {@code input_shape}: one image {@code (height, width, channels)}, channels last.
     *
     * @throws IllegalArgumentException unless there are three positive dimensions
     */
    public ApplicationOptions inputShape(long... dims) {
        if (dims == null || dims.length != 3 || Arrays.stream(dims).anyMatch(d -> d < 1)) {
            throw new IllegalArgumentException("inputShape must be (height, width, channels), each positive, got "
                    + Arrays.toString(dims));
        }
        return new ApplicationOptions(includeTop, weights, Shape.of(dims), pooling, classes, classifierActivation);
    }

    /**
     * Keras's {@code pooling}, used only without the top: {@code null}, {@code "avg"} or {@code "max"}.
     *
     * @throws IllegalArgumentException for another value
     */
    public ApplicationOptions pooling(String pooling) {
        if (pooling != null && !POOLINGS.contains(pooling)) {
            throw new IllegalArgumentException("pooling must be null, \"avg\" or \"max\", got '" + pooling + "'");
        }
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation);
    }

    /**
     * Keras's {@code classes}: the units of the top's {@code Dense}.
     *
     * @throws IllegalArgumentException if not positive
     */
    public ApplicationOptions classes(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes must be positive, got " + classes);
        }
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, classifierActivation);
    }

    /**
     * Keras's {@code classifier_activation}: the top's activation ({@code "softmax"}, or {@code "linear"} for
     * logits).
     *
     * @throws IllegalArgumentException if null or blank (an unknown name fails when the layer is made)
     */
    public ApplicationOptions classifierActivation(String activation) {
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException("classifierActivation must name an activation, got '" + activation
                    + "'");
        }
        return new ApplicationOptions(includeTop, weights, inputShape, pooling, classes, activation);
    }

    public boolean includeTop() {
        return includeTop;
    }

    /** The weights file, or {@code null}. */
    public Path weights() {
        return weights;
    }

    /** The input shape given, or {@code null} for the architecture's default. */
    public Shape inputShape() {
        return inputShape;
    }

    /** {@code null}, {@code "avg"} or {@code "max"}. */
    public String pooling() {
        return pooling;
    }

    public int classes() {
        return classes;
    }

    public String classifierActivation() {
        return classifierActivation;
    }

    @Override
    public String toString() {
        return "ApplicationOptions[includeTop=" + includeTop + ", weights=" + weights + ", inputShape=" + inputShape
                + ", pooling=" + pooling + ", classes=" + classes + ", classifierActivation=" + classifierActivation
                + "]";
    }
}
