package org.keras4j.examples.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The command-line options of the unsupervised workloads, R1 ({@link RbmWorkload}) and W10
 * ({@link AutoencoderWorkload}), mixed into {@link Benchmark}'s command line and handed on to the
 * worker JVM that runs them.
 *
 * <pre>{@code
 * java ... Benchmark --data ../shared/data --r1-samples 20000 --w10-samples 20000
 * }</pre>
 */
final class UnsupervisedOptions {
    @Option(names = "--data", description = "R1's data: a directory with MNIST's IDX files, or a data root holding "
            + "mnist/ (default: the repository's ../shared/data, then keras4j's usual places; no download). Not found: "
            + "synthetic binary images of the same shape, with a note.")
    Path data;

    @Option(names = "--r1-samples", defaultValue = "60000",
            description = "R1 RBM training images (default 60000, all of MNIST's).")
    int r1Samples;

    @Option(names = "--r1-epochs", defaultValue = "10",
            description = "R1 epochs; the pseudo-likelihood is measured after the last (default 10).")
    int r1Epochs;

    @Option(names = "--r1-eval", defaultValue = "1000",
            description = "R1 test images whose exact pseudo-likelihood is averaged (default 1000).")
    int r1Eval;

    @Option(names = "--w10-samples", defaultValue = "60000",
            description = "W10 autoencoder training samples per timed epoch (default 60000).")
    int w10Samples;

    @Option(names = "--no-sklearn", description = "Skip scikit-learn (R1's reference).")
    boolean noSklearn;

    /**
     * @throws IllegalArgumentException naming the option when a count is not positive
     */
    void validate() {
        if (r1Samples <= 0 || r1Epochs <= 0 || r1Eval <= 0 || w10Samples <= 0) {
            throw new IllegalArgumentException("--r1-samples, --r1-epochs, --r1-eval and --w10-samples must be positive, "
                    + "got " + r1Samples + ", " + r1Epochs + ", " + r1Eval + ", " + w10Samples);
        }
    }

    /** These options as arguments of a worker JVM, after {@code common}. */
    List<String> workerArgs(List<String> common) {
        List<String> args = new ArrayList<>(common);
        if (data != null) {
            args.addAll(List.of("--data", data.toString()));
        }
        args.addAll(List.of("--r1-samples", String.valueOf(r1Samples), "--r1-epochs", String.valueOf(r1Epochs),
                "--r1-eval", String.valueOf(r1Eval), "--w10-samples", String.valueOf(w10Samples)));
        return args;
    }

    /** {@code --data}, else the repository's {@code ../shared/data} when it exists, else null (keras4j's usual places). */
    Path dataDirectory() {
        if (data != null) {
            return data;
        }
        Path shared = Benchmark.benchmarkDir().toAbsolutePath().getParent().resolveSibling("shared").resolve("data");
        return Files.isDirectory(shared) ? shared : null;
    }
}
