package org.keras4j.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LauncherTest {

    /** Output, error output and exit code of one command line. */
    private record Outcome(int code, String out, String err) {
    }

    private static Outcome launch(List<Exercise> exercises, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Launcher.execute(exercises, new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }

    private static Outcome launch(String... args) {
        return launch(Exercises.all(), args);
    }

    /** An exercise with a fixed outcome: a result, or an exception. */
    private static Exercise fake(String name, ExerciseResult result, RuntimeException failure) {
        return new Exercise() {
            public String name() {
                return name;
            }

            public String title() {
                return "fake " + name;
            }

            public ExerciseResult run(ExerciseContext ctx) {
                ctx.out().println("running " + name);
                if (failure != null) {
                    throw failure;
                }
                return result;
            }
        };
    }

    @Test
    void list_printsEveryExerciseNameAndTitle() {
        Outcome o = launch("list");
        assertEquals(0, o.code(), o.err());
        for (Exercise e : Exercises.all()) {
            assertTrue(o.out().contains(e.name()) && o.out().contains(e.title()), o.out());
        }
        assertTrue(o.out().contains("tensors") && o.out().contains("autodiff"), o.out());
    }

    @Test
    void run_unknownName_failsInOneLineListingValidNames() {
        Outcome o = launch("run", "nosuch");
        assertEquals(1, o.code());
        String[] lines = o.err().strip().split("\\R");
        assertEquals(1, lines.length, o.err());
        assertTrue(lines[0].contains("'nosuch'") && lines[0].contains("tensors") && lines[0].contains("autodiff"),
                lines[0]);
    }

    @Test
    void run_unknownNameAfterAValidOne_runsNothing() {
        Outcome o = launch(List.of(fake("a", ExerciseResult.of("m", 1), null)), "run", "a", "nosuch");
        assertEquals(1, o.code());
        assertTrue(!o.out().contains("running a"), o.out());
    }

    @Test
    void run_printsEachResultAndSucceeds() {
        Outcome o = launch(List.of(fake("a", ExerciseResult.of("accuracy", 0.5), null),
                fake("b", ExerciseResult.meanStd("loss", 0.25, 0.01), null)), "run", "b", "a");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().indexOf("running b") < o.out().indexOf("running a"), o.out());
        assertTrue(o.out().contains("a: accuracy = 0.5000") && o.out().contains("b: loss = 0.25 ± 0.01"), o.out());
    }

    @Test
    void run_resultNotPassed_exitsOne() {
        Outcome o = launch(List.of(fake("a", ExerciseResult.count("checks passed", 2, 3), null)), "run", "a");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("1 of 1 exercises failed or did not pass: a"), o.err());
    }

    @Test
    void run_exerciseThrows_reportsMessageInOneLine() {
        Outcome o = launch(List.of(fake("a", null, new IllegalStateException("no data\nat all"))), "run", "a");
        assertEquals(1, o.code());
        assertEquals("keras4j: a: no data at all", o.err().strip());
    }

    @Test
    void tour_runsAllAndPrintsOneTable() {
        Outcome o = launch(List.of(fake("first", ExerciseResult.of("accuracy", 0.75), null),
                fake("second", ExerciseResult.meanStd("mse", 12.5, 0.5), null)), "tour");
        assertEquals(0, o.code(), o.err());
        String table = o.out().substring(o.out().indexOf("exercise  "));
        List<String> lines = table.strip().lines().toList();
        assertEquals(4, lines.size(), table);  // header, rule, two rows
        assertTrue(lines.get(0).matches("exercise\\s+metric\\s+result\\s+time"), lines.get(0));
        assertTrue(lines.get(2).matches("first\\s+accuracy\\s+0\\.7500\\s+\\d+\\.\\d s"), lines.get(2));
        assertTrue(lines.get(3).matches("second\\s+mse\\s+12\\.50 ± 0\\.50\\s+\\d+\\.\\d s"), lines.get(3));
    }

    @Test
    void tour_failingExercise_goesOnAndExitsOne() {
        Outcome o = launch(List.of(fake("broken", null, new IllegalArgumentException("missing mnist")),
                fake("fine", ExerciseResult.of("accuracy", 1), null)), "tour");
        assertEquals(1, o.code());
        assertTrue(o.out().contains("running fine"), o.out());
        assertTrue(o.out().contains("FAILED: missing mnist"), o.out());
        assertTrue(o.err().contains("broken: missing mnist"), o.err());
    }

    @Test
    void noCommand_printsUsageAndExitsTwo() {
        Outcome o = launch();
        assertEquals(2, o.code());
        assertTrue(o.err().contains("Usage: keras4j") && o.err().contains("tour"), o.err());
    }

    @Test
    void unknownOption_exitsTwoWithOneLineErrorAndHint() {
        Outcome o = launch("run", "--bogus", "tensors");
        assertEquals(2, o.code());
        assertTrue(o.err().startsWith("keras4j: Unknown option: '--bogus'"), o.err());
        assertTrue(o.err().contains("Try 'keras4j run --help'."), o.err());
    }

    @Test
    void data_missingDirectory_failsNamingIt() {
        Outcome o = launch(List.of(fake("a", ExerciseResult.of("m", 1), null)), "run", "--data", "/no/such/dir", "a");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("--data=/no/such/dir is not an existing directory"), o.err());
    }

    @Test
    void data_optionReachesTheExercise(@TempDir Path dir) {
        Path[] seen = new Path[1];
        Exercise probe = new Exercise() {
            public String name() {
                return "probe";
            }

            public String title() {
                return "sees the data directory";
            }

            public ExerciseResult run(ExerciseContext ctx) {
                seen[0] = ctx.dataDir().orElse(null);
                return ExerciseResult.of("m", 1);
            }
        };
        String previous = System.getProperty(Launcher.DATA_PROPERTY);
        try {
            Outcome o = launch(List.of(probe), "--data", dir.toString(), "run", "probe");
            assertEquals(0, o.code(), o.err());
            assertEquals(dir, seen[0]);
        } finally {
            if (previous == null) {
                System.clearProperty(Launcher.DATA_PROPERTY);
            } else {
                System.setProperty(Launcher.DATA_PROPERTY, previous);
            }
        }
    }

    @Test
    void dataDir_optionBeatsPropertyBeatsEnvironment() {
        assertEquals(Path.of("/opt"), Launcher.dataDir(Path.of("/opt"), "/prop", "/env"));
        assertEquals(Path.of("/prop"), Launcher.dataDir(null, "/prop", "/env"));
        assertEquals(Path.of("/env"), Launcher.dataDir(null, " ", "/env"));
        assertNull(Launcher.dataDir(null, null, ""));
    }

    @Test
    void tour_exerciseWithoutItsData_isSkippedNotFailed() {
        Outcome o = launch(List.of(
                fake("needs-data", null, new org.keras4j.datasets.MissingDatasetException(
                        org.keras4j.datasets.FashionMnist.FILES, "Fashion-MNIST is not on this machine")),
                fake("fine", ExerciseResult.of("accuracy", 1), null)), "tour");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("SKIPPED") && o.err().contains("Fashion-MNIST is not on this machine"), o.out() + o.err());
    }
}
