package org.keras4j.saving.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class Hdf5WriterTest {
    /** Debian's Python, which has h5py (python3-h5py); the pyenv python3 on PATH has not. */
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    @TempDir
    Path dir;

    /** ND4J's backend starts once per JVM (seconds); not inside the first test's time. */
    @BeforeAll
    static void startNd4j() {
        Nd4j.scalar(0f);
    }

    /** Groups, string attributes (one, a list, an empty list), float32 datasets of ranks 0 to 4, an int64 scalar. */
    private static Hdf5Writer sample() {
        return new Hdf5Writer()
                .attribute("", "keras_version", "3.13.2")
                .attribute("/", "model_config", "{\"name\": \"café\"}")
                .attribute("model_weights", "layer_names", List.of("dense", "dropout"))
                .attribute("model_weights/dropout", "weight_names", List.of())
                .dataset("model_weights/dense/dense/kernel:0", ramp(2, 3))
                .dataset("model_weights/dense/dense/bias:0", ramp(3))
                .group("layers/flatten/vars")
                .attribute("layers/flatten/vars", "name", "flatten")
                .dataset("ranks/0", Nd4j.scalar(-1.5f))
                .dataset("ranks/4", ramp(1, 2, 1, 2))
                .dataset("ranks/double", Nd4j.createFromArray(0.5, 0.25)) // cast to float32
                .dataset("optimizer/vars/0", 56250L)
                .attribute("optimizer/vars/0", "unit", "steps");
    }

    private static INDArray ramp(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return Nd4j.linspace(0, (n - 1) * 0.5, n, DataType.FLOAT).reshape(shape);
    }

    @Test
    void h5pyReadsWhatTheWriterWrote() throws Exception {
        Path file = dir.resolve("sample.h5");
        sample().write(file);
        assertEquals(String.join("\n",
                "A /@keras_version S6 \"3.13.2\"",
                "A /@model_config S17 \"{\\\"name\\\": \\\"café\\\"}\"",
                "A /layers/flatten/vars@name S7 \"flatten\"",
                "A /model_weights/dropout@weight_names f8 []",
                "A /model_weights@layer_names S8 [\"dense\", \"dropout\"]",
                "A /optimizer/vars/0@unit S5 \"steps\"",
                "D /model_weights/dense/dense/bias:0 [3] float32 [0.0, 0.5, 1.0]",
                "D /model_weights/dense/dense/kernel:0 [2, 3] float32 [[0.0, 0.5, 1.0], [1.5, 2.0, 2.5]]",
                "D /optimizer/vars/0 [] int64 56250",
                "D /ranks/0 [] float32 -1.5",
                "D /ranks/4 [1, 2, 1, 2] float32 [[[[0.0, 0.5]], [[1.0, 1.5]]]]",
                "D /ranks/double [2] float32 [0.5, 0.25]",
                "G /",
                "G /layers",
                "G /layers/flatten",
                "G /layers/flatten/vars",
                "G /model_weights",
                "G /model_weights/dense",
                "G /model_weights/dense/dense",
                "G /model_weights/dropout",
                "G /optimizer",
                "G /optimizer/vars",
                "G /ranks"), h5py(file));
    }

    @Test
    void readerReadsWhatTheWriterWrote() {
        try (Hdf5Reader h5 = Hdf5Reader.fromBytes(sample().toBytes(), "sample.h5")) {
            assertEquals(List.of("layers", "model_weights", "optimizer", "ranks"), h5.children(""));
            assertEquals(Optional.of("{\"name\": \"café\"}"), h5.stringAttribute("", "model_config"));
            assertEquals(List.of("keras_version", "model_config"), h5.attributeNames("")); // no "_jHDF"
            assertEquals(List.of("dense", "dropout"), h5.stringsAttribute("model_weights", "layer_names"));
            assertEquals(List.of(), h5.stringsAttribute("model_weights/dropout", "weight_names"));
            assertEquals(ramp(2, 3), h5.readFloats("model_weights/dense/dense/kernel:0", new long[] {2, 3}));
            assertEquals(ramp(1, 2, 1, 2), h5.readFloats("ranks/4", new long[] {1, 2, 1, 2}));
            assertEquals(-1.5f, h5.readFloats("ranks/0", new long[0]).getFloat(0));
            assertEquals(56250L, h5.readLong("optimizer/vars/0"));
            assertEquals(Optional.of("steps"), h5.stringAttribute("optimizer/vars/0", "unit"));
            assertEquals(List.of(), h5.children("layers/flatten/vars"));
        }
    }

    @Test
    void write_replacesAtomically_andLeavesNoTemporaryFile() throws IOException {
        Path file = dir.resolve("w.h5");
        Files.writeString(file, "old");
        new Hdf5Writer().dataset("x", 1L).write(file);
        try (Hdf5Reader h5 = Hdf5Reader.open(file)) {
            assertEquals(1L, h5.readLong("x"));
        }
        Path taken = Files.createDirectory(dir.resolve("taken.h5"));
        Files.writeString(taken.resolve("inside"), "a non-empty directory cannot be replaced");
        assertThrows(UncheckedIOException.class, () -> new Hdf5Writer().dataset("x", 1L).write(taken));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("taken.h5", "w.h5"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void badPaths_andValues_areRefusedWhenAdded() {
        Hdf5Writer w = new Hdf5Writer().dataset("a/b", 1L);
        assertEquals("HDF5 path /a/b already exists",
                assertThrows(IllegalArgumentException.class, () -> w.dataset("a/b", 2L)).getMessage());
        assertEquals("HDF5 path /a/b/c: /a/b is a dataset, not a group",
                assertThrows(IllegalArgumentException.class, () -> w.group("a/b/c")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> w.dataset("", 1L));
        assertThrows(IllegalArgumentException.class, () -> w.dataset("x//y", 1L));
        assertThrows(IllegalArgumentException.class, () -> w.dataset("e", Nd4j.create(DataType.FLOAT, 0)));
        assertThrows(IllegalArgumentException.class, () -> w.dataset("n", (INDArray) null));
        assertThrows(IllegalArgumentException.class, () -> w.attribute("a", " ", "v"));
        assertThrows(IllegalArgumentException.class, () -> w.attribute("a", "k", (String) null));
        assertThrows(IllegalArgumentException.class, () -> w.attribute("a", "k", java.util.Arrays.asList("x", null)));
    }

    /** Runs read_with_h5py.py; skipped without h5py, except on CI, which installs it (python3-h5py). */
    private String h5py(Path file) throws Exception {
        Path script = dir.resolve("read_with_h5py.py");
        try (InputStream in = getClass().getResourceAsStream("/hdf5/read_with_h5py.py")) {
            Files.copy(in, script);
        }
        Result result = Files.isExecutable(PYTHON) ? run(PYTHON.toString(), script.toString(), file.toString()) : null;
        if (result == null || result.exitCode != 0 && result.output.contains("No module named")) {
            String why = PYTHON + (result == null ? " is missing" : " lacks h5py") + " (Debian: apt-get install"
                    + " python3-h5py)";
            if ("true".equals(System.getenv("CI"))) {
                fail(why + "; CI must check the writer's files with h5py");
            }
            Assumptions.assumeTrue(false, why + "; skipped");
        }
        assertEquals(0, result.exitCode, result.output);
        return result.output.strip();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "python did not finish");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void toBytes_isAnHdf5File() {
        byte[] bytes = sample().toBytes();
        assertArrayEquals(Hdf5Signature.BYTES, java.util.Arrays.copyOf(bytes, 8));
    }
}
