package org.keras4j.internal.dl4j.layers;

import java.util.Collection;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;

import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What every DL4J layer configuration's {@code instantiate} does to the layer it creates:
 * listeners, index, parameter views and initial values, configuration.
 *
 * <pre>{@code
 * return LayerWiring.wire(new RowMajorDenseLayer(conf, dataType), this, conf, listeners, index, params, init);
 * }</pre>
 */
final class LayerWiring {

    private LayerWiring() {
    }

    static <L extends Layer> L wire(L layer, org.deeplearning4j.nn.conf.layers.Layer layerConf,
                                    NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                                    INDArray paramsView, boolean initializeParams) {
        if (layerConf instanceof FeedForwardLayer f) {
            LayerValidation.assertNInNOutSet(f.getClass().getSimpleName(), f.getLayerName(), index, f.getNIn(),
                    f.getNOut());
        }
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(paramsView);
        Map<String, INDArray> params = layerConf.initializer().init(conf, paramsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
