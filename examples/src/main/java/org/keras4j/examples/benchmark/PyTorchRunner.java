package org.keras4j.examples.benchmark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Finds a Python that can import a module, and runs a benchmark script once and reads the JSON it
 * prints ({@code benchmark/sklearn_bench.py}, or {@code pytorch_bench.py} on its own; the benchmark
 * interleaves PyTorch through {@link PyTorchServers}).
 *
 * <pre>{@code
 * Optional<String> python = PyTorchRunner.findPython(List.of("python3", "/usr/bin/python3"));
 * }</pre>
 */
final class PyTorchRunner {
    private PyTorchRunner() {
    }

    /** The first of {@code candidates} that can {@code import torch}. */
    static Optional<String> findPython(List<String> candidates) {
        return findPython(candidates, "torch");
    }

    /** The first of {@code candidates} that can {@code import module} (e.g. {@code sklearn}). */
    static Optional<String> findPython(List<String> candidates, String module) {
        for (String py : candidates) {
            try {
                Process p = new ProcessBuilder(py, "-c", "import " + module).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return Optional.of(py);
                }
                p.destroy();
            } catch (IOException e) {
                // not installed: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * Runs the script and parses its JSON (the last line of its standard output).
     *
     * @throws IllegalStateException if the script fails or prints no JSON
     */
    static Results run(String python, Path script, List<String> args) throws IOException, InterruptedException {
        return Results.fromJson(json(python, script, args));
    }

    /**
     * Runs a benchmark script and returns the JSON line it printed last (for scripts whose keys are not
     * {@link Metric}s).
     *
     * @throws IllegalStateException if the script fails or prints no JSON
     */
    static String json(String python, Path script, List<String> args) throws IOException, InterruptedException {
        if (!Files.isRegularFile(script)) {
            throw new IllegalStateException("PyTorch benchmark script not found: " + script.toAbsolutePath());
        }
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        if (code != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " exited with " + code);
        }
        String json = lastJsonLine(out);
        if (json == null) {
            throw new IllegalStateException(String.join(" ", cmd) + " printed no JSON line");
        }
        return json;
    }

    static String lastJsonLine(String out) {
        String[] lines = out.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith("{")) {
                return l;
            }
        }
        return null;
    }
}
