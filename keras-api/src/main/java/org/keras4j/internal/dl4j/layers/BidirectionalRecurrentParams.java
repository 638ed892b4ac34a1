package org.keras4j.internal.dl4j.layers;

import static org.nd4j.linalg.indexing.NDArrayIndex.interval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a {@link BidirectionalRecurrent} layer: the forward layer's
 * ({@link KerasRecurrentParams}, keys prefixed {@code f}) then the backward layer's (prefixed
 * {@code b}), as consecutive ranges of the flat vector, each half initialized by its own layer's
 * initializers (the halves may differ in size, activations, initializers).
 *
 * <pre>{@code
 * Map<String, INDArray> views = BidirectionalRecurrentParams.INSTANCE.init(conf, paramsView, true);  // fW, fRW, fb, bW, ...
 * }</pre>
 */
final class BidirectionalRecurrentParams implements ParamInitializer {
    static final BidirectionalRecurrentParams INSTANCE = new BidirectionalRecurrentParams();

    private BidirectionalRecurrentParams() {
    }

    private static BidirectionalRecurrent pair(Layer layer) {
        return (BidirectionalRecurrent) layer;
    }

    @Override
    public long numParams(NeuralNetConfiguration conf) {
        return numParams(conf.getLayer());
    }

    @Override
    public long numParams(Layer layer) {
        BidirectionalRecurrent p = pair(layer);
        return KerasRecurrentParams.INSTANCE.numParams(p.forward()) + KerasRecurrentParams.INSTANCE.numParams(p.backward());
    }

    @Override
    public List<String> paramKeys(Layer layer) {
        return prefixed(layer, KerasRecurrentParams.INSTANCE::paramKeys);
    }

    @Override
    public List<String> weightKeys(Layer layer) {
        return prefixed(layer, KerasRecurrentParams.INSTANCE::weightKeys);
    }

    @Override
    public List<String> biasKeys(Layer layer) {
        return prefixed(layer, KerasRecurrentParams.INSTANCE::biasKeys);
    }

    private static List<String> prefixed(Layer layer, java.util.function.Function<Layer, List<String>> keys) {
        List<String> out = new ArrayList<>();
        keys.apply(pair(layer).forward()).forEach(k -> out.add(BidirectionalRecurrent.FORWARD + k));
        keys.apply(pair(layer).backward()).forEach(k -> out.add(BidirectionalRecurrent.BACKWARD + k));
        return out;
    }

    @Override
    public boolean isWeightParam(Layer layer, String key) {
        return weightKeys(layer).contains(key);
    }

    @Override
    public boolean isBiasParam(Layer layer, String key) {
        return biasKeys(layer).contains(key);
    }

    @Override
    public Map<String, INDArray> init(NeuralNetConfiguration conf, INDArray paramsView, boolean initializeParams) {
        return halves(conf, paramsView, (halfConf, view) -> KerasRecurrentParams.INSTANCE.init(halfConf, view,
                initializeParams));
    }

    @Override
    public Map<String, INDArray> getGradientsFromFlattened(NeuralNetConfiguration conf, INDArray gradientView) {
        return halves(conf, gradientView, KerasRecurrentParams.INSTANCE::getGradientsFromFlattened);
    }

    /** {@code views} of each half's range of {@code flat}, under the prefixed keys. */
    private static Map<String, INDArray> halves(NeuralNetConfiguration conf, INDArray flat,
                                                BiFunction<NeuralNetConfiguration, INDArray, Map<String, INDArray>> views) {
        BidirectionalRecurrent p = pair(conf.getLayer());
        INDArray row = flat.reshape(flat.length());
        long split = KerasRecurrentParams.INSTANCE.numParams(p.forward());
        Map<String, INDArray> out = new LinkedHashMap<>();
        NeuralNetConfiguration forward = conf.clone();
        forward.setLayer(p.forward());
        views.apply(forward, row.get(interval(0, split))).forEach((k, v) -> out.put(BidirectionalRecurrent.FORWARD + k, v));
        NeuralNetConfiguration backward = conf.clone();
        backward.setLayer(p.backward());
        views.apply(backward, row.get(interval(split, row.length())))
                .forEach((k, v) -> out.put(BidirectionalRecurrent.BACKWARD + k, v));
        return out;
    }
}
