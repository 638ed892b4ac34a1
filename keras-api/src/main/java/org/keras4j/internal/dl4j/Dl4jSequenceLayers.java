package org.keras4j.internal.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.keras4j.Shape;
import org.keras4j.engine.MaskPlan;
import org.keras4j.internal.dl4j.layers.IndexCheckedEmbeddingLayer;
import org.keras4j.internal.dl4j.layers.KerasMaskingLayer;
import org.keras4j.internal.dl4j.layers.KerasPermuteLayer;
import org.keras4j.internal.dl4j.layers.StepMaskPassThrough;
import org.keras4j.layers.Layer;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Masking;
import org.keras4j.layers.reshaping.Permute;
import org.keras4j.layers.rnn.TimeDistributed;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.regularization.Regularization;

/**
 * Translates keras4j's sequence layers to DL4J, every field set explicitly: {@code Embedding}
 * (DL4J's {@code EmbeddingSequenceLayer}, NWC, no bias, indices checked first), {@code Masking},
 * {@code RepeatVector} (NWC), {@code Permute}, and {@code TimeDistributed}, which runs its layer's
 * own DL4J layers on the time steps folded into the batch ({@link Layout#folded}): a free c-order
 * re-view before and after, no copy. Also keeps Keras step masks moving past the layers Keras
 * passes them through ({@link StepMaskPassThrough}).
 *
 * <pre>{@code
 * Layout wanted = Dl4jSequenceLayers.wantedLayout(embedding, Shape.of(20), current);
 * List<org.deeplearning4j.nn.conf.layers.Layer> dl4j = Dl4jSequenceLayers.translate(embedding, Shape.of(20), decay);
 * }</pre>
 */
final class Dl4jSequenceLayers {
    private Dl4jSequenceLayers() {
    }

    /** Whether {@link #translate} handles this layer. */
    static boolean handles(Layer layer) {
        return layer instanceof Embedding || layer instanceof Masking
                || layer instanceof org.keras4j.layers.reshaping.RepeatVector || layer instanceof Permute
                || layer instanceof TimeDistributed;
    }

    /**
     * Embedding reads its indices flat ({@code [d1 * ... * dk]}, a sequence of them); Masking the
     * NWC sequence; RepeatVector the vector; Permute any layout (it reads Keras's order);
     * TimeDistributed what its layer reads for one step, with the steps folded into the batch.
     */
    static Layout wantedLayout(Layer layer, Shape input, Layout current) {
        if (layer instanceof Embedding || layer instanceof org.keras4j.layers.reshaping.RepeatVector) {
            return Layout.flat(input);
        }
        if (layer instanceof Masking) {
            return Layout.natural(input);
        }
        if (layer instanceof TimeDistributed td) {
            Shape step = td.stepShape(input);
            return LayerTranslator.wantedLayout(td.layer(), step, Layout.natural(step)).folded(input.get(0));
        }
        return current;
    }

    static List<org.deeplearning4j.nn.conf.layers.Layer> translate(Layer layer, Shape input, List<Regularization> decay) {
        if (layer instanceof Embedding e) {
            return List.of(embedding(e, input, decay));
        }
        if (layer instanceof Masking m) {
            return List.of(new KerasMaskingLayer(m.maskValue(), m.name()));
        }
        if (layer instanceof org.keras4j.layers.reshaping.RepeatVector r) {
            return List.of(new RepeatVector.Builder(r.n()).dataFormat(RNNFormat.NWC).nIn(input.get(0)).nOut(input.get(0))
                    .name(r.name()).build());
        }
        if (layer instanceof Permute p) {
            int[] zeroBased = p.dims();
            for (int i = 0; i < zeroBased.length; i++) {
                zeroBased[i]--;
            }
            return List.of(new KerasPermuteLayer(input.dims(), zeroBased,
                    Layout.natural(p.computeOutputShape(input)).inputType(), p.name()));
        }
        if (layer instanceof TimeDistributed td) {
            // the layer's own translation, run on [batch * steps, step]; LayerTranslator freezes the whole
            return LayerTranslator.translateLayer(td.layer(), td.stepShape(input), decay, false, false);
        }
        throw new IllegalArgumentException(layer + " is not a sequence layer");
    }

    private static org.deeplearning4j.nn.conf.layers.Layer embedding(Embedding e, Shape input, List<Regularization> decay) {
        List<Regularization> reg = new ArrayList<>(Dl4jRegularizers.toDl4j(e.embeddingsRegularizer()));
        reg.addAll(decay);
        EmbeddingSequenceLayer.Builder b = new EmbeddingSequenceLayer.Builder()
                .inputLength((int) input.size()).inferInputLength(false)
                .hasBias(false)
                .outputDataFormat(RNNFormat.NWC);
        b.nIn(e.inputDim()).nOut(e.outputDim())
                .activation(Activation.IDENTITY)
                .weightInit(Dl4jInitializers.toDl4j(e.embeddingsInitializer(), e.inputDim(), e.outputDim()))
                .regularization(reg)
                .name(e.name());
        if (e.embeddingsConstraint() != null) {
            // embeddings [inputDim, outputDim] sit as a Dense kernel [in, out] does
            b.constrainWeights(Dl4jConstraints.forDenseKernel(e.embeddingsConstraint()));
        }
        return new IndexCheckedEmbeddingLayer(b.build());
    }

    /**
     * {@code dl4j}, each layer wrapped to let a Keras step mask pass unused when {@code layer}
     * passes masks in Keras and reads a sequence {@code (timesteps, features)}; unchanged otherwise.
     */
    static List<org.deeplearning4j.nn.conf.layers.Layer> keepStepMask(Layer layer, Shape input,
                                                                       List<org.deeplearning4j.nn.conf.layers.Layer> dl4j) {
        if (input.rank() != 2 || !MaskPlan.passesMask(layer)) {
            return dl4j;
        }
        List<org.deeplearning4j.nn.conf.layers.Layer> out = new ArrayList<>();
        for (org.deeplearning4j.nn.conf.layers.Layer l : dl4j) {
            out.add(new StepMaskPassThrough(l));
        }
        return out;
    }
}
