package org.keras4j.examples;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.keras4j.backend.Backend;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.keras4j.datasets.MissingDatasetException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code keras4j} command line: lists, runs and tours the course exercises, and reports the ND4J backend.
 *
 * <pre>{@code
 * ./keras4j list                       # name and title of every exercise
 * ./keras4j run tensors autodiff       # run some, in the given order
 * ./keras4j tour --data ~/keras4j-data # run all, then one table of results
 * ./keras4j backend                    # what ND4J loaded
 * }</pre>
 *
 * <p>Exit code 0 on success, 1 when an exercise fails or does not pass, 2 on a usage error; each failure is
 * reported in one line on standard error ({@code --stacktrace} adds the stack trace).
 */
@Command(name = "keras4j", usageHelpAutoWidth = true,
        description = "Runs the keras4j course exercises (Keras for Java on Deeplearning4j).")
public final class Launcher implements Callable<Integer> {
    /** System property and environment variable naming the data directory, when {@code --data} is absent. */
    public static final String DATA_PROPERTY = "keras4j.data";
    public static final String DATA_ENV = "KERAS4J_DATA";

    private static final Logger log = LoggerFactory.getLogger(Launcher.class);

    @Spec
    private CommandSpec spec;

    private final List<Exercise> exercises;

    @Option(names = "--data", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Directory holding full datasets (MNIST, ...). Default: -D" + DATA_PROPERTY
                    + ", else $" + DATA_ENV + ".")
    private Path data;

    @Option(names = "--stacktrace", scope = ScopeType.INHERIT,
            description = "Print the full stack trace of a failure.")
    private boolean stacktrace;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help.")
    private boolean help;

    private Launcher(List<Exercise> exercises) {
        this.exercises = List.copyOf(exercises);
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(out, err, args));
    }

    /**
     * Runs the command line {@code args}, printing to {@code out} and {@code err}.
     *
     * @return the exit code: 0 success, 1 failure, 2 usage error
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        return execute(Exercises.all(), out, err, args);
    }

    /** {@link #execute(PrintWriter, PrintWriter, String...)} over other exercises (tests). */
    static int execute(List<Exercise> exercises, PrintWriter out, PrintWriter err, String... args) {
        Launcher launcher = new Launcher(exercises);
        CommandLine cmd = new CommandLine(launcher).setOut(out).setErr(err);
        cmd.setParameterExceptionHandler((ex, a) -> {
            err.println("keras4j: " + oneLine(ex.getMessage()));
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return 2;
        });
        cmd.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            log.debug("command failed", ex);
            err.println("keras4j: " + describe(ex));
            if (launcher.stacktrace) {
                ex.printStackTrace(err);
            }
            return 1;
        });
        int code = cmd.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a subcommand: the usage, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }

    @Command(name = "list", description = "List the exercises: name and title.")
    int list() {
        PrintWriter out = out();
        List<Exercise> all = exercises;
        int width = all.stream().mapToInt(e -> e.name().length()).max().orElse(0);
        for (Exercise e : all) {
            out.println(String.format("%-" + width + "s  %s", e.name(), e.title()));
        }
        return 0;
    }

    @Command(name = "run", description = "Run the named exercises, in the given order.")
    int run(@Parameters(arity = "1..*", paramLabel = "NAME", description = "Exercise names (see 'list').")
            List<String> names) throws Exception {
        List<Exercise> chosen = new ArrayList<>();
        for (String name : names) {
            chosen.add(Exercises.find(exercises, name));  // all names checked before anything runs
        }
        ExerciseContext ctx = context();
        List<String> notPassed = new ArrayList<>();
        for (Exercise exercise : chosen) {
            header(exercise);
            long start = System.nanoTime();
            ExerciseResult result;
            try {
                result = exercise.run(ctx);
            } catch (Exception e) {
                throw new ExerciseFailedException(exercise.name() + ": " + describe(e), e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            ctx.out().println(exercise.name() + ": " + result.metric() + " = " + result.text()
                    + (result.passed() ? "" : "  NOT PASSED") + "  (" + ResultTable.duration(seconds) + ")");
            if (!result.details().isEmpty()) {
                ctx.out().println("  " + result.details());
            }
            if (!result.passed()) {
                notPassed.add(exercise.name());
            }
        }
        return failIfAny(notPassed, chosen.size());
    }

    @Command(name = "tour", description = "Run every exercise, then print one table of results.")
    int tour() {
        ExerciseContext ctx = context();
        List<Exercise> all = exercises;
        ResultTable table = new ResultTable("exercise", "metric", "result", "time");
        List<String> failed = new ArrayList<>();
        for (Exercise exercise : all) {
            header(exercise);
            long start = System.nanoTime();
            String metric;
            String text;
            try {
                ExerciseResult result = exercise.run(ctx);
                metric = result.metric();
                text = result.passed() ? result.text() : result.text() + "  NOT PASSED";
                if (!result.passed()) {
                    failed.add(exercise.name());
                }
            } catch (MissingDatasetException e) {
                // a full-data exercise without its data is skipped, not failed: the message says how to get it
                metric = "-";
                text = "SKIPPED: data not found (see the message above; --data DIR)";
                spec.commandLine().getErr().println("keras4j: " + exercise.name() + ": " + describe(e));
            } catch (Exception e) {
                // the tour goes on: one broken exercise should not hide the others' results
                log.debug("exercise {} failed", exercise.name(), e);
                metric = "-";
                text = "FAILED: " + abbreviate(describe(e), 70);
                failed.add(exercise.name());
                PrintWriter err = spec.commandLine().getErr();
                err.println("keras4j: " + exercise.name() + ": " + describe(e));
                if (stacktrace) {
                    e.printStackTrace(err);
                }
            }
            table.add(exercise.name(), metric, text, ResultTable.duration((System.nanoTime() - start) / 1e9));
        }
        ctx.out().println();
        table.print(ctx.out());
        return failIfAny(failed, all.size());
    }

    @Command(name = "backend", description = "Show what ND4J loaded: backend, device, SIMD level, threads.")
    int backend() {
        out().println(Backend.report());
        return 0;
    }

    /**
     * The data directory: {@code option}, else {@code property}, else {@code env}; blank values count as absent.
     * Returns {@code null} when none is set.
     */
    static Path dataDir(Path option, String property, String env) {
        if (option != null) {
            return option;
        }
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim());
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env.trim());
        }
        return null;
    }

    private ExerciseContext context() {
        Path dir = dataDir(data, System.getProperty(DATA_PROPERTY), System.getenv(DATA_ENV));
        if (dir != null) {
            if (!Files.isDirectory(dir)) {
                String source = data != null ? "--data" : System.getProperty(DATA_PROPERTY) != null
                        ? "-D" + DATA_PROPERTY : "$" + DATA_ENV;
                throw new IllegalArgumentException("data directory " + source + "=" + dir
                        + " is not an existing directory");
            }
            // dataset loaders read the property, so --data reaches them too
            System.setProperty(DATA_PROPERTY, dir.toAbsolutePath().toString());
            log.debug("data directory: {}", dir.toAbsolutePath());
        }
        return new ExerciseContext(out(), dir);
    }

    private void header(Exercise exercise) {
        PrintWriter out = out();
        out.println();
        out.println("== " + exercise.name() + ": " + exercise.title());
    }

    private int failIfAny(List<String> failed, int of) {
        if (failed.isEmpty()) {
            return 0;
        }
        String message = String.format(Locale.ROOT, "keras4j: %d of %d exercises failed or did not pass: %s",
                failed.size(), of, String.join(", ", failed));
        spec.commandLine().getErr().println(message);
        return 1;
    }

    private PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** The exception's message in one line; its type when it has no message. */
    static String describe(Throwable ex) {
        String message = ex.getMessage();
        if (message == null || message.isBlank()) {
            message = ex.getClass().getSimpleName()
                    + (ex.getCause() != null ? ": " + describe(ex.getCause()) : "");
        }
        return oneLine(message);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** An exercise threw: the message names the exercise, the cause keeps the stack trace. */
    private static final class ExerciseFailedException extends RuntimeException {
        ExerciseFailedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
