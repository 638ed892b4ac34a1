package org.keras4j.saving;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * part: write a temporary file {@code .<name>.<digits>.tmp} in the same directory, fsync it, rename
 * it over the target. An exception leaves no temporary file behind; a killed process does, and the
 * next write or load of the same target removes it ({@link #removeStaleTemporaryFiles}).
 *
 * <pre>{@code
 * AtomicFiles.write(path, out -> out.write(bytes));
 * }</pre>
 */
public final class AtomicFiles {
    /**
     * How old an unlocked temporary file must be before it counts as abandoned. The writer's lock is the real test
     * (the OS releases it when the process dies); the grace period covers the moment between creating the file and
     * locking it, and writers that take no lock (older keras4j versions, other tools), whose files a write keeps
     * fresh.
     */
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /** Something that writes to a stream. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * @throws UncheckedIOException if writing fails; the target is then unchanged
     */
    public static void write(Path target, Writer writer) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            removeStaleTemporaryFiles(absolute);
            tmp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
                    FileLock ignored = channel.lock()) { // tells other processes' cleanup this writer is alive
                OutputStream out = Channels.newOutputStream(channel);
                writer.writeTo(out);
                out.flush();
                channel.force(true);
            }
            try {
                Files.move(tmp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
            syncDirectory(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the original error matters more
                }
            }
        }
    }

    /**
     * Deletes the temporary files that writes of {@code target} killed mid-way left behind: only names of exactly
     * this class's pattern for this target ({@code .<name>.<digits>.tmp}), only files no live writer holds locked,
     * and only those unmodified for {@link #GRACE}. Best effort: a file that cannot be checked or deleted is kept
     * and logged.
     *
     * @return how many files were deleted
     */
    public static int removeStaleTemporaryFiles(Path target) {
        return removeStaleTemporaryFiles(target, GRACE);
    }

    /**
     * As {@link #removeStaleTemporaryFiles(Path)} with another grace period: {@link Duration#ZERO} for a directory
     * only one writer uses, where an unlocked temporary file cannot belong to a live write.
     */
    public static int removeStaleTemporaryFiles(Path target, Duration grace) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        // Files.createTempFile puts an unsigned random long between prefix and suffix
        Pattern own = Pattern.compile(Pattern.quote("." + absolute.getFileName() + ".") + "\\d+" + Pattern.quote(".tmp"));
        Instant cutoff = Instant.now().minus(grace);
        int removed = 0;
        try (DirectoryStream<Path> candidates = Files.newDirectoryStream(dir,
                p -> own.matcher(p.getFileName().toString()).matches())) {
            for (Path tmp : candidates) {
                if (isAbandoned(tmp, cutoff)) {
                    Files.deleteIfExists(tmp);
                    removed++;
                }
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not remove stale temporary files of {}: {}", absolute, e.getMessage());
        }
        if (removed > 0) {
            LOG.info("removed {} temporary file(s) of {} left by interrupted writes", removed, absolute);
        }
        return removed;
    }

    private static boolean isAbandoned(Path tmp, Instant cutoff) throws IOException {
        try {
            if (Files.getLastModifiedTime(tmp).toInstant().isAfter(cutoff)) {
                return false;
            }
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    FileLock lock = channel.tryLock()) {
                return lock != null;
            } catch (OverlappingFileLockException e) {
                return false; // a writer in this JVM holds it
            }
        } catch (NoSuchFileException e) {
            return false; // its writer renamed or deleted it meanwhile
        }
    }

    /** Makes the rename durable; not every platform can open a directory, so failures are ignored. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // e.g. Windows: directories cannot be opened; the rename itself is still atomic
        }
    }
}
