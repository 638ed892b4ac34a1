package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.keras4j.Sequential;
import org.keras4j.layers.Layer;
import org.keras4j.layers.convolutional.Conv2D;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Embedding;
import org.keras4j.layers.core.Input;
import org.keras4j.layers.pooling.MaxPooling2D;
import org.keras4j.layers.reshaping.Flatten;
import org.keras4j.layers.rnn.Bidirectional;
import org.keras4j.layers.rnn.LSTM;
import org.keras4j.layers.rnn.TimeDistributed;
import org.junit.jupiter.api.Test;

class KerasVariablePathsTest {

    private static String describe(List<KerasVariablePaths.Group> groups) {
        StringBuilder s = new StringBuilder();
        for (KerasVariablePaths.Group g : groups) {
            s.append(g.path()).append(" ").append(g.name()).append(" ").append(g.variables()).append("\n");
        }
        return s.toString();
    }

    @Test
    void layersAreNumberedByClassInKerasOrderNotByName() {
        // as Keras 3.13 wrote the Fashion-MNIST fixture: layers/conv2d, layers/conv2d_1, layers/dense, ...
        Conv2D c1 = new Conv2D(4, 3).withName("first");
        Conv2D c2 = new Conv2D(4, 3).withName("second");
        MaxPooling2D pool = new MaxPooling2D(2);
        Flatten flat = new Flatten();
        Dense dense = new Dense(3).withName("head");
        Sequential model = new Sequential("seq", new Input(12, 12, 1), c1, pool, c2, flat, dense);
        Map<Layer, Integer> counts = Map.of(c1, 2, c2, 2, dense, 2);
        assertEquals("""
                vars seq 0
                layers/conv2d/vars first 2
                layers/max_pooling2d/vars %s 0
                layers/conv2d_1/vars second 2
                layers/flatten/vars %s 0
                layers/dense/vars head 2
                """.formatted(pool.name(), flat.name()), describe(KerasVariablePaths.groups(model, counts)));
    }

    @Test
    void recurrentAndWrapperLayersKeepTheirVariablesInTheirCells() {
        LSTM lstm = new LSTM(4).withReturnSequences(true).withName("enc");
        Bidirectional bi = new Bidirectional(new LSTM(3).withName("inner"));
        TimeDistributed td = new TimeDistributed(new Dense(2).withName("per_step"));
        Embedding emb = new Embedding(10, 4).withName("emb");
        Sequential model = new Sequential("rnn", new Input(5), emb, lstm, td, bi);
        Map<Layer, Integer> counts = Map.of(emb, 1, lstm, 3, td, 2, bi, 6);
        assertEquals("""
                vars rnn 0
                layers/embedding/vars emb 1
                layers/lstm/vars enc 0
                layers/lstm/cell/vars lstm_cell 3
                layers/time_distributed/vars %s 0
                layers/time_distributed/layer/vars per_step 2
                layers/bidirectional/vars %s 0
                layers/bidirectional/forward_layer/vars %s 0
                layers/bidirectional/forward_layer/cell/vars lstm_cell 3
                layers/bidirectional/backward_layer/vars %s 0
                layers/bidirectional/backward_layer/cell/vars lstm_cell 3
                """.formatted(td.name(), bi.name(), bi.forwardLayer().name(), bi.backwardLayer().name()),
                describe(KerasVariablePaths.groups(model, counts)));
    }
}
