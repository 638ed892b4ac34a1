package org.keras4j.saving.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.keras4j.Keras;
import org.keras4j.Sequential;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.core.Input;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An independent reader: Python's h5py (Debian's python3-h5py, which CI installs) opens the {@code model.weights.h5}
 * of a keras4j-written {@code .keras} file by Keras 3's paths, and numpy recomputes a prediction from it.
 */
class KerasWeightsPythonCheckTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    @Test
    void h5pyReadsTheWeightsAndNumpyRecomputesThePrediction() throws Exception {
        boolean h5py = Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import h5py, numpy").exitCode == 0;
        if (!h5py && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install python3-h5py (.ci/run does): the check cannot run without it");
        }
        assumeTrue(h5py, "no /usr/bin/python3 with h5py and numpy (apt-get install python3-h5py)");
        Keras.setRandomSeed(11);
        Sequential model = new Sequential("mlp", new Input(4), new Dense(5, "relu"), new Dense(3, "softmax"));
        model.compile("adam", "categorical_crossentropy");
        Path file = dir.resolve("mlp.keras");
        model.save(file);
        Path weights = dir.resolve("model.weights.h5");
        try (ZipFile zip = new ZipFile(file.toFile()); InputStream in = zip.getInputStream(zip.getEntry("model.weights.h5"))) {
            Files.write(weights, in.readAllBytes());
        }
        Path script = dir.resolve("predict_mlp.py");
        try (InputStream in = getClass().getResourceAsStream("/keras/predict_mlp.py")) {
            Files.write(script, in.readAllBytes());
        }
        float[] x = {0.5f, -1.25f, 2f, 0.75f};
        Result r = run(PYTHON.toString(), script.toString(), weights.toString(), "0.5,-1.25,2.0,0.75");
        assertEquals(0, r.exitCode, r.output);
        String[] values = r.output.trim().split(",");
        INDArray expected = model.predict(Nd4j.createFromArray(new float[][] {x}));
        assertEquals(3, values.length, r.output);
        for (int i = 0; i < 3; i++) {
            assertEquals(expected.getDouble(0, i), Double.parseDouble(values[i]), 1e-6, "output " + i);
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, out + " (timed out)");
        }
        return new Result(p.exitValue(), out);
    }
}
