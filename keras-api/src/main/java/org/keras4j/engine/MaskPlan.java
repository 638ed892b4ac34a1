package org.keras4j.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keras4j.KerasTensor;
import org.keras4j.layers.Layer;
import org.keras4j.layers.MaskSource;
import org.keras4j.layers.activations.ActivationLayer;
import org.keras4j.layers.activations.Softmax;
import org.keras4j.layers.core.Activation;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.normalization.BatchNormalization;
import org.keras4j.layers.pooling.GlobalAveragePooling1D;
import org.keras4j.layers.regularization.Dropout;
import org.keras4j.layers.regularization.GaussianNoise;
import org.keras4j.layers.rnn.BaseRNN;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.TimeDistributed;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a model's Keras masks come from and where they go, decided once at compile: which model
 * inputs a mask source ({@code Embedding(maskZero)}, {@code Masking}) reads, and which outputs
 * still carry that mask (a sequence output whose loss and metrics must skip masked steps).
 * Propagation follows Keras 3: Dense, Dropout, GaussianNoise and activation layers pass the mask
 * on unchanged; a recurrent layer (and {@code Bidirectional}) passes it with
 * {@code returnSequences} and consumes it without; the translator asks {@link #reaches} which
 * recurrent layers read a mask, to run them with Keras's mask semantics; a layer that does not support masking (Conv1D, pooling, Flatten, Reshape,
 * TimeDistributed, ...) drops it, with a warning as Keras logs one. Layers whose Keras result
 * depends on the mask in a way keras4j does not reproduce (BatchNormalization,
 * GlobalAveragePooling1D, Softmax, merge layers, a layer called on several tensors) are refused.
 *
 * <p>All masks are {@code [batch, timesteps]}, on tensors {@code (timesteps, features)}.
 *
 * <pre>{@code
 * MaskPlan plan = MaskPlan.of(model.inputs(), model.nodes(), model.outputs());
 * List<INDArray> inputMasks = plan.inputMasks(List.of(x));       // null where an input has no mask
 * List<INDArray> lossMasks = plan.outputMasks(inputMasks);       // null where an output has none
 * }</pre>
 */
public final class MaskPlan {
    private static final Logger LOG = LoggerFactory.getLogger(MaskPlan.class);

    /** A model without masks. */
    public static final MaskPlan NONE = new MaskPlan(new MaskSource[0], new int[0], Set.of());

    /** Per model input: the layer computing its mask, or null. */
    private final MaskSource[] sources;
    /** Per model output: the model input whose mask it carries, or -1. */
    private final int[] outputSources;
    /** The recurrent layers (and Bidirectional wrappers) a mask reaches. */
    private final Set<Layer> maskedRecurrent;

    private MaskPlan(MaskSource[] sources, int[] outputSources, Set<Layer> maskedRecurrent) {
        this.sources = sources;
        this.outputSources = outputSources;
        this.maskedRecurrent = maskedRecurrent;
    }

    /**
     * @param nodes the model's layer calls but its inputs', each after the calls it reads
     * @throws IllegalArgumentException if a mask source does not read a model input, or a mask
     *     reaches a layer whose masked result keras4j does not reproduce
     */
    public static MaskPlan of(List<KerasTensor> inputs, List<Node> nodes, List<KerasTensor> outputs) {
        Map<KerasTensor, Integer> inputIndex = new IdentityHashMap<>();
        for (int i = 0; i < inputs.size(); i++) {
            inputIndex.put(inputs.get(i), i);
        }
        Map<Layer, Integer> calls = new IdentityHashMap<>();
        nodes.forEach(n -> calls.merge(n.layer(), 1, Integer::sum));
        MaskSource[] sources = new MaskSource[inputs.size()];
        Map<KerasTensor, Integer> masked = new IdentityHashMap<>(); // tensor -> model input of its mask
        Set<Layer> maskedRecurrent = Collections.newSetFromMap(new IdentityHashMap<>());
        boolean any = false;
        for (Node node : nodes) {
            Layer layer = node.layer();
            if (layer instanceof MaskSource source && source.producesMask()) {
                KerasTensor in = node.inbound().get(0);
                Integer index = inputIndex.get(in);
                if (index == null) {
                    throw new IllegalArgumentException(layer + " produces a mask, so it must read a model input directly (keras4j"
                            + " computes masks from the input arrays), but it reads the output of " + in.layer()
                            + ": make it the first layer after an Input");
                }
                if (layer instanceof Embedding && in.shape().rank() != 1) {
                    throw new IllegalArgumentException(layer + ": maskZero needs indices of shape (timesteps), got " + in.shape());
                }
                if (sources[index] != null && !sameMask(sources[index], source)) {
                    throw new IllegalArgumentException(layer + " and " + sources[index] + " compute different masks from the"
                            + " same model input " + in.layer() + ": give each its own input");
                }
                sources[index] = source;
                masked.put(node.output(), index);
                any = true;
                continue;
            }
            List<Integer> incoming = node.inbound().stream().map(masked::get).filter(m -> m != null).toList();
            if (incoming.isEmpty()) {
                continue;
            }
            if (node.inbound().size() > 1) {
                throw refused(layer, "combines the masks of its inputs");
            }
            if (calls.get(layer) > 1) {
                throw new IllegalArgumentException(layer + " is called on several tensors and one of them carries a mask:"
                        + " keras4j does not support masks through shared layers yet");
            }
            if (passesMask(layer)) {
                masked.put(node.output(), incoming.get(0));
            } else if (layer instanceof BaseRNN<?> || layer instanceof Bidirectional) {
                maskedRecurrent.add(layer);
                boolean sequences = layer instanceof BaseRNN<?> rnn ? rnn.returnSequences()
                        : ((Bidirectional) layer).returnSequences();
                if (sequences && node.outputs().size() == 1) {
                    masked.put(node.output(), incoming.get(0));
                }
            } else if (usesMask(layer)) {
                throw refused(layer, "uses the mask");
            } else {
                LOG.warn("Layer {} does not support masking, but was passed an input with a mask attached to it: the layers"
                        + " after it will not see the mask (as in Keras)", layer);
            }
        }
        if (!any) {
            return NONE;
        }
        int[] outputSources = new int[outputs.size()];
        for (int i = 0; i < outputs.size(); i++) {
            outputSources[i] = masked.getOrDefault(outputs.get(i), -1);
        }
        return new MaskPlan(sources, outputSources, Collections.unmodifiableSet(maskedRecurrent));
    }

    /**
     * Whether a mask reaches {@code layer}, a recurrent layer or {@code Bidirectional}: its
     * translation must then honour Keras's mask semantics (a masked step keeps the states and
     * repeats the previous output).
     */
    public boolean reaches(Layer layer) {
        return maskedRecurrent.contains(layer);
    }

    private static boolean sameMask(MaskSource a, MaskSource b) {
        return a.getClass() == b.getClass() && ((Layer) a).getConfig().entrySet().stream()
                .filter(e -> !e.getKey().equals("name")).toList()
                .equals(((Layer) b).getConfig().entrySet().stream().filter(e -> !e.getKey().equals("name")).toList());
    }

    private static IllegalArgumentException refused(Layer layer, String why) {
        return new IllegalArgumentException("a mask (from Embedding(maskZero) or Masking) reaches " + layer + ", which "
                + why + " in Keras; keras4j does not support that yet: put the mask-consuming recurrent layer first, or"
                + " drop maskZero / Masking");
    }

    /**
     * Whether Keras passes a step mask through {@code layer} unchanged without using it (Dense,
     * Dropout, GaussianNoise, activation layers but Softmax): keras4j's DL4J translation keeps
     * the mask moving past such a layer on sequences instead of applying it.
     */
    public static boolean passesMask(Layer layer) {
        return layer instanceof Dense || layer instanceof Dropout || layer instanceof GaussianNoise
                || layer instanceof Activation || (layer instanceof ActivationLayer && !(layer instanceof Softmax));
    }

    /** Layers whose Keras output depends on the mask beyond passing it. */
    private static boolean usesMask(Layer layer) {
        if (layer instanceof TimeDistributed td) {
            return usesMask(td.layer()) || td.layer() instanceof BaseRNN<?>;
        }
        return layer instanceof BatchNormalization || layer instanceof GlobalAveragePooling1D || layer instanceof Softmax;
    }

    /** Whether any input has a mask. */
    public boolean isEmpty() {
        return this == NONE;
    }

    /**
     * The mask of each model input for a batch, {@code [batch, timesteps]} as float, or null for
     * an input without one or a batch where no step is masked.
     */
    public List<INDArray> inputMasks(List<INDArray> xs) {
        List<INDArray> out = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            INDArray mask = i < sources.length && sources[i] != null ? sources[i].computeMask(xs.get(i)) : null;
            // nothing masked is no mask: the same results, and the fast paths that decline masks stay on
            out.add(mask != null && mask.length() > 0 && mask.minNumber().doubleValue() > 0 ? null : mask);
        }
        return out;
    }

    /** The mask each model output carries, given {@link #inputMasks}: null for an output without one. */
    public List<INDArray> outputMasks(List<INDArray> inputMasks) {
        List<INDArray> out = new ArrayList<>();
        for (int source : outputSources) {
            out.add(source < 0 ? null : inputMasks.get(source));
        }
        return out;
    }

    @Override
    public String toString() {
        return "MaskPlan(sources=" + Arrays.toString(sources) + ", outputs=" + Arrays.toString(outputSources) + ")";
    }
}
