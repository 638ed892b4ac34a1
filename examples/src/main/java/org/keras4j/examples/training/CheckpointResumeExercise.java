package org.keras4j.examples.training;

import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.keras4j.callbacks.BackupAndRestore;
import org.keras4j.examples.Checks;
import org.keras4j.examples.Exercise;
import org.keras4j.examples.ExerciseContext;
import org.keras4j.examples.ExerciseResult;
import org.keras4j.training.TrainingCheckpoint;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Checkpoints and resuming after a crash, for real: a training process ({@link ResumeWorker},
 * a second JVM) saves a {@code ModelCheckpoint} every epoch and a {@code BackupAndRestore} backup;
 * this exercise kills it with SIGKILL in the middle of epoch 4, starts it again — it resumes at
 * epoch 4 from the backup — and compares its final weights with an uninterrupted run in this JVM.
 *
 * <pre>{@code
 * ./keras4j run checkpoint-resume
 * }</pre>
 */
public final class CheckpointResumeExercise implements Exercise {
    @Override
    public String name() {
        return "checkpoint-resume";
    }

    @Override
    public String title() {
        return "Checkpoint every epoch, kill the process, resume with BackupAndRestore";
    }

    @Override
    public ExerciseResult run(ExerciseContext ctx) throws IOException, InterruptedException {
        PrintWriter out = ctx.out();
        Path work = Files.createTempDirectory("keras4j-resume");
        Path weightsFile = work.resolve("final-weights.bin");
        Checks checks = new Checks(out);

        out.println("uninterrupted reference run (this JVM) ...");
        INDArray reference = ResumeWorker.train(work.resolve("reference"), m -> { });

        checks.section("first run: killed with SIGKILL in epoch 4");
        Process first = start(work, weightsFile);
        List<String> seen = awaitMarker(first, "BATCH 3 1");
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        first.waitFor(30, TimeUnit.SECONDS);
        out.printf(Locale.ROOT, "killed after %d progress lines; exit code %d%n", seen.size(), first.exitValue());
        TrainingCheckpoint backup = TrainingCheckpoint.load(work.resolve("backup").resolve(BackupAndRestore.FILE_NAME));
        checks.equal("backup on disk resumes at epoch (0-based)", backup.epoch(), 3);
        checks.equal("per-epoch checkpoints on disk", checkpointFiles(work), List.of("epoch-01.keras4j",
                "epoch-02.keras4j", "epoch-03.keras4j"));

        checks.section("second run: the same program, started again");
        Process second = start(work, weightsFile);
        List<String> resumed = awaitMarker(second, "DONE");
        second.waitFor(60, TimeUnit.SECONDS);
        checks.that("it resumed from the backup", resumed.get(0), resumed.get(0).equals("START 3"));
        INDArray finalWeights;
        try (DataInputStream in = new DataInputStream(Files.newInputStream(weightsFile))) {
            finalWeights = Nd4j.read(in);
        }
        double maxDiff = finalWeights.sub(reference).amaxNumber().doubleValue();
        checks.close("max |weight difference| to the uninterrupted run", maxDiff, 0.0, 0.0);
        checks.that("backup deleted after the completed run", work.resolve("backup"),
                !Files.exists(work.resolve("backup")));
        return Summaries.add(checks.result("checks passed"), "files in " + work);
    }

    private static Process start(Path work, Path weightsFile) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ResumeWorker.class.getName(), work.toString(),
                weightsFile.toString());
        pb.environment().putIfAbsent("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true);
        return pb.start();
    }

    /** Reads the worker's markers up to and including {@code marker}; fails if it ends first. */
    private static List<String> awaitMarker(Process p, String marker) throws IOException {
        List<String> markers = new java.util.ArrayList<>();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.startsWith("@@ ")) {
                markers.add(line.substring(3));
                if (line.substring(3).equals(marker)) {
                    return markers;
                }
            }
        }
        throw new IllegalStateException("the training process ended before '" + marker + "'; it printed " + markers);
    }

    private static List<String> checkpointFiles(Path work) throws IOException {
        try (Stream<Path> files = Files.list(work)) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("epoch-")).sorted().toList();
        }
    }
}
