package org.keras4j.saving;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.keras4j.KerasTensor;
import org.keras4j.engine.TwoOutputLayer;
import org.keras4j.layers.core.Dense;

/** Keras's {@code [layer, node, tensor]} references to the second output of a call. */
class GraphConfigMultiOutputTest {

    @Test
    @SuppressWarnings("unchecked")
    void graphConfig_recordsTheTensorIndexOfEachInboundTensor() {
        KerasTensor in = Keras.input(8);
        List<KerasTensor> halves = new TwoOutputLayer().withName("halves").applyAll(in);
        KerasTensor second = new Dense(3).withName("second").apply(halves.get(1));
        Functional model = new Functional(in, second);
        Map<String, Object> config = GraphConfig.write(model.name(), model.inputs(), model.outputs());
        List<Map<String, Object>> layers = (List<Map<String, Object>>) config.get("layers");
        Map<String, Object> dense = layers.stream().filter(l -> "second".equals(l.get("name"))).findFirst().orElseThrow();
        String inbound = dense.get("inbound_nodes").toString();
        assertTrue(inbound.contains("[halves, 0, 1]"), inbound);
    }

}
