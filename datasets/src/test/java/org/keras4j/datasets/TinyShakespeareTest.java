package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TinyShakespeareTest {

    private static final String SHA256 = "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed";

    @TempDir
    Path tmp;

    /** A locator that sees only the temporary directory: no real cache, no network. */
    private DatasetLocator offline(Path dir) {
        return DatasetLocator.defaults().withDirectory(dir).withEnvironment(java.util.Map.of())
                .withSystemProperties(java.util.Map.of()).withUserHome(tmp.resolve("home"))
                .withSystemDatasetsDirectory(tmp.resolve("usr-share")).withDownload(false);
    }

    @Test
    void excerpt_isTheBundledFirst198Lines() throws Exception {
        String excerpt = TinyShakespeare.excerpt();

        assertEquals(5593, excerpt.length());
        assertTrue(excerpt.startsWith("First Citizen:\nBefore we proceed any further, hear me speak.\n"));
        assertEquals(198, excerpt.lines().count());
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(excerpt.getBytes(StandardCharsets.US_ASCII)));
        assertEquals("0d2059c539a0233b6e74d097b98ac3a048d7754d9de827ff31505be894d458bf", sha);
    }

    @Test
    void excerpt_isAPrefixOfTheReferenceCopy() throws Exception {
        Path reference = MnistTest.referenceData("tinyshakespeare").resolve("input.txt");

        assertTrue(Files.readString(reference, StandardCharsets.US_ASCII).startsWith(TinyShakespeare.excerpt()));
    }

    @Test
    void load_referenceCopy_isVerifiedAndRead() {
        Path dir = MnistTest.referenceData("tinyshakespeare");

        String text = TinyShakespeare.load(offline(dir));

        assertEquals(1115394, text.length());
        assertTrue(text.startsWith("First Citizen:"));
    }

    @Test
    void file_wrongContent_isRejectedNamingTheFileAndTheChecksums() throws Exception {
        Path dir = tmp.resolve("data").resolve("tinyshakespeare");
        Files.createDirectories(dir);
        Path fake = dir.resolve("input.txt");
        Files.writeString(fake, "To be, or not to be\n");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TinyShakespeare.file(offline(tmp.resolve("data"))));

        assertTrue(e.getMessage().contains(fake.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("not the official Tiny Shakespeare input.txt"), e.getMessage());
        assertTrue(e.getMessage().contains(SHA256) && e.getMessage().contains("20 bytes"), e.getMessage());
    }

    @Test
    void file_missingWithDownloadsOff_saysWhatToPutWhere() {
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> TinyShakespeare.file(offline(tmp.resolve("empty"))));

        assertTrue(e.getMessage().contains("input.txt") && e.getMessage().contains(SHA256), e.getMessage());
        assertTrue(e.getMessage().contains("raw.githubusercontent.com/karpathy/char-rnn"), e.getMessage());
    }

    @Test
    void file_downloadOfAWrongFile_isDiscarded() {
        Downloader wrong = (source, target) -> Files.writeString(target, "not Shakespeare");
        DatasetLocator locator = offline(tmp.resolve("empty")).withDownload(true).withDownloader(wrong);

        MissingDatasetException e = assertThrows(MissingDatasetException.class, () -> TinyShakespeare.file(locator));

        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(Files.notExists(locator.cacheDirectory(TinyShakespeare.FILES).resolve("input.txt")));
    }

    @Test
    void file_downloadOfTheReferenceCopy_isCachedAndVerified() {
        Path reference = MnistTest.referenceData("tinyshakespeare").resolve("input.txt");
        Downloader copy = (source, target) -> {
            assertEquals(TinyShakespeare.URL, source);
            Files.copy(reference, target, StandardCopyOption.REPLACE_EXISTING);
        };
        DatasetLocator locator = offline(tmp.resolve("empty")).withDownload(true).withDownloader(copy);

        Path file = TinyShakespeare.file(locator);

        assertEquals(locator.cacheDirectory(TinyShakespeare.FILES).resolve("input.txt"), file);
    }
}
