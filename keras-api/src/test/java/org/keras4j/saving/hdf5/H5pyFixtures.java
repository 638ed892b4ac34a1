package org.keras4j.saving.hdf5;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The HDF5 files the reader tests read, written by h5py (Debian's python3-h5py, which CI installs) from
 * {@code make_fixtures.py} into a temporary directory once per test JVM: generated, not kept in git. Without h5py the
 * tests that need them are skipped, except under {@code CI=true}, where that is a failure.
 */
final class H5pyFixtures {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Path directory;

    private H5pyFixtures() {
    }

    static synchronized Path directory() throws IOException {
        if (directory != null) {
            return directory;
        }
        boolean h5py = Files.isExecutable(PYTHON) && run(null, PYTHON.toString(), "-c", "import h5py, numpy") == 0;
        if (!h5py && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI must install python3-h5py (.ci/run does): the HDF5 fixtures are written by it");
        }
        assumeTrue(h5py, "no /usr/bin/python3 with h5py and numpy (apt-get install python3-h5py)");
        Path dir = Files.createTempDirectory("keras4j-h5py-fixtures");
        dir.toFile().deleteOnExit();
        Path script = dir.resolve("make_fixtures.py");
        try (InputStream in = H5pyFixtures.class.getResourceAsStream("/hdf5/make_fixtures.py")) {
            Files.write(script, in.readAllBytes());
        }
        int rc = run(dir, PYTHON.toString(), script.toString());
        if (rc != 0) {
            throw new IllegalStateException("make_fixtures.py failed with exit code " + rc);
        }
        try (var files = Files.list(dir)) {
            files.forEach(f -> f.toFile().deleteOnExit());
        }
        directory = dir;
        return dir;
    }

    private static int run(Path dir, String... command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        if (dir != null) {
            pb.directory(dir.toFile());
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("timed out: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (p.exitValue() != 0 && dir != null) {
            System.err.println(out);
        }
        return p.exitValue();
    }
}
