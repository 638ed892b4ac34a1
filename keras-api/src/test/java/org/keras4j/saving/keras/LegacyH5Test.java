package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.Keras;
import org.keras4j.Model;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.keras4j.saving.hdf5.Hdf5Writer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Legacy HDF5 files laid out as Keras 1 and Keras 2 wrote them (made here with keras4j's HDF5 writer; the real
 * Keras-written files are the acceptance suite's), checked against the network's formula written out.
 */
class LegacyH5Test {
    @TempDir
    Path dir;

    private static final String[] GATES = {"i", "c", "f", "o"}; // the order Keras 1 lists them in weight_names

    private static float[][] random(Random r, int rows, int cols) {
        float[][] a = new float[rows][cols];
        for (float[] row : a) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (r.nextGaussian() * 0.7);
            }
        }
        return a;
    }

    private static double hardSigmoid(double x) { // Keras 1's inner_activation
        return Math.min(1, Math.max(0, 0.2 * x + 0.5));
    }

    @Test
    void keras1LstmWithPerGateTensorsAndTrainingConfig_predictsAsItsFormula() {
        int units = 2;
        int steps = 3;
        Random r = new Random(7);
        Map<String, float[][]> w = new LinkedHashMap<>();
        for (String g : GATES) {
            w.put("W_" + g, random(r, 1, units));
            w.put("U_" + g, random(r, units, units));
            w.put("b_" + g, random(r, 1, units));
        }
        float[][] dense = random(r, units, 1);
        float denseBias = 0.3f;
        String config = """
                {"class_name": "Sequential", "config": [{"class_name": "LSTM", "config": {"inner_activation": \
                "hard_sigmoid", "trainable": true, "inner_init": "orthogonal", "output_dim": 2, "unroll": false, \
                "consume_less": "cpu", "init": "glorot_uniform", "dropout_U": 0.0, "input_dtype": "float32", \
                "batch_input_shape": [null, 3, 1], "input_length": null, "dropout_W": 0.0, "activation": "tanh", \
                "stateful": false, "b_regularizer": null, "U_regularizer": null, "name": "lstm_1", "go_backwards": false, \
                "input_dim": 1, "return_sequences": false, "W_regularizer": null, "forget_bias_init": "one"}}, \
                {"class_name": "Dense", "config": {"W_constraint": null, "b_constraint": null, "name": "dense_1", \
                "activity_regularizer": null, "trainable": true, "init": "glorot_uniform", "bias": true, "input_dim": 2, \
                "b_regularizer": null, "W_regularizer": null, "activation": "linear", "output_dim": 1}}]}""";
        Hdf5Writer h5 = new Hdf5Writer();
        h5.attribute("/", "keras_version", "1.2.2");
        h5.attribute("/", "model_config", config);
        h5.attribute("/", "training_config", "{\"metrics\": null, \"loss\": \"mse\", \"optimizer_config\": {\"class_name\":"
                + " \"RMSprop\", \"config\": {\"epsilon\": 1e-08, \"lr\": 0.001, \"rho\": 0.9, \"decay\": 0.0}},"
                + " \"loss_weights\": null, \"sample_weight_mode\": null}");
        h5.group("model_weights");
        h5.attribute("model_weights", "layer_names", List.of("lstm_1", "dense_1"));
        List<String> names = new ArrayList<>();
        for (String g : GATES) {
            for (String kind : new String[] {"W_", "U_", "b_"}) {
                String name = "lstm_1_" + kind + g + ":0";
                names.add(name);
                float[][] v = w.get(kind + g);
                h5.dataset("model_weights/lstm_1/" + name, kind.equals("b_") ? Nd4j.createFromArray(v[0]) : Nd4j.createFromArray(v));
            }
        }
        h5.attribute("model_weights/lstm_1", "weight_names", names);
        h5.dataset("model_weights/dense_1/dense_1_W:0", Nd4j.createFromArray(dense));
        h5.dataset("model_weights/dense_1/dense_1_b:0", Nd4j.createFromArray(new float[] {denseBias}));
        h5.attribute("model_weights/dense_1", "weight_names", List.of("dense_1_W:0", "dense_1_b:0"));
        Path file = dir.resolve("lstm.h5");
        h5.write(file);

        Model model = Keras.loadModel(file);
        assertTrue(model.isCompiled(), "the training config compiles it");
        float[] xs = {0.5f, -1.0f, 2.0f};
        INDArray x = Nd4j.createFromArray(xs).reshape(1, steps, 1);
        double[] h = new double[units];
        double[] c = new double[units];
        for (float xt : xs) {
            double[] hNext = new double[units];
            for (int j = 0; j < units; j++) {
                double[] z = new double[4];
                for (int k = 0; k < 4; k++) {
                    String g = GATES[k];
                    double s = xt * w.get("W_" + g)[0][j] + w.get("b_" + g)[0][j];
                    for (int m = 0; m < units; m++) {
                        s += h[m] * w.get("U_" + g)[m][j];
                    }
                    z[k] = s;
                }
                double i = hardSigmoid(z[0]);
                double f = hardSigmoid(z[2]);
                double o = hardSigmoid(z[3]);
                c[j] = f * c[j] + i * Math.tanh(z[1]);
                hNext[j] = o * Math.tanh(c[j]);
            }
            h = hNext;
        }
        double expected = denseBias;
        for (int j = 0; j < units; j++) {
            expected += h[j] * dense[j][0];
        }
        assertEquals(expected, model.predict(x).getDouble(0, 0), 1e-5);
    }

    @Test
    void keras2WeightsOnlyFileLoadsByNameOrByOrder() {
        Random r = new Random(3);
        float[][] kernel = random(r, 3, 2);
        float[] bias = {0.1f, -0.2f};
        Hdf5Writer h5 = new Hdf5Writer();
        h5.attribute("/", "keras_version", "2.2.4-tf");
        h5.attribute("/", "backend", "tensorflow");
        h5.attribute("/", "layer_names", List.of("dense_7"));
        h5.dataset("dense_7/dense_7/kernel:0", Nd4j.createFromArray(kernel));
        h5.dataset("dense_7/dense_7/bias:0", Nd4j.createFromArray(bias));
        h5.attribute("dense_7", "weight_names", List.of("dense_7/kernel:0", "dense_7/bias:0"));
        Path file = dir.resolve("weights.h5");
        h5.write(file);

        Sequential byName = new Sequential(new Input(3), new Dense(2).withName("dense_7"));
        byName.build();
        byName.loadWeights(file);
        Sequential byOrder = new Sequential(new Input(3), new Dense(2).withName("other"));
        byOrder.build();
        byOrder.loadWeights(file);
        INDArray x = Nd4j.createFromArray(new float[][] {{1f, 2f, -1f}});
        for (Model m : List.of(byName, byOrder)) {
            INDArray y = m.predict(x);
            for (int j = 0; j < 2; j++) {
                double e = bias[j] + kernel[0][j] - 0f + 2 * kernel[1][j] - kernel[2][j];
                assertEquals(e, y.getDouble(0, j), 1e-6);
            }
        }
        Sequential wrongShape = new Sequential(new Input(4), new Dense(2));
        wrongShape.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wrongShape.loadWeights(file));
        assertTrue(e.getMessage().contains("weights.h5") && e.getMessage().contains("10 parameters"), e.getMessage());
    }
}
