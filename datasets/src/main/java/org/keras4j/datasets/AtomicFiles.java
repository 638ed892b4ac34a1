package org.keras4j.datasets;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes files so that readers see the old file or the complete new one, never a part: the content goes to a
 * temporary file in the target's directory (same file system) that is then renamed over the target. Public for
 * the dataset subpackages (a saved {@code Vocabulary}); not a general file API.
 *
 * <pre>{@code
 * AtomicFiles.write(path, out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {

    /** Writes the content of one file. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Produces a file at a temporary path, e.g. by downloading into it. */
    @FunctionalInterface
    public interface Producer {
        void produce(Path temporary) throws IOException;
    }

    private AtomicFiles() {
    }

    /** Writes {@code file} through {@code writer}; on failure the target is unchanged and no temporary is left. */
    public static void write(Path file, Writer writer) {
        try {
            produce(file, temporary -> {
                try (OutputStream out = Files.newOutputStream(temporary)) {
                    writer.writeTo(out);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Lets {@code producer} fill a temporary file next to {@code file}, then renames it to {@code file}. If the
     * producer throws, the temporary is deleted and the target is unchanged.
     */
    public static void produce(Path file, Producer producer) throws IOException {
        Path target = file.toAbsolutePath();
        Path dir = target.getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "." + target.getFileName(), ".part");
        try {
            producer.produce(temporary);
            moveIntoPlace(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // some file systems cannot rename atomically; a plain replace is the best they offer
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
