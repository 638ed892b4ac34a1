package org.keras4j.datasets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetLocatorTest {

    private static final byte[] A = "first file".getBytes(StandardCharsets.UTF_8);
    private static final byte[] B = "second file".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path tmp;

    private Path home;
    private Path mirror;
    private DatasetFiles tiny;
    private DatasetLocator isolated;
    private final List<URI> requested = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        home = Files.createDirectories(tmp.resolve("home"));
        mirror = Files.createDirectories(tmp.resolve("mirror"));
        Files.write(mirror.resolve("a.gz"), A);
        Files.write(mirror.resolve("b.gz"), B);
        tiny = new DatasetFiles("tiny", "Tiny", List.of(file("a.gz", A), file("b.gz", B)),
                List.of(mirror.toUri()), "dataset-tiny", null);
        // nothing of the real machine: empty environment and properties, a temporary home and system directory
        isolated = DatasetLocator.defaults()
                .withEnvironment(Map.of())
                .withSystemProperties(Map.of())
                .withUserHome(home)
                .withSystemDatasetsDirectory(tmp.resolve("usr-share-datasets"))
                .withDownloader((url, target) -> {
                    requested.add(url);
                    throw new UnknownHostException(url.getHost() + ": no network in tests");
                });
    }

    private static DatasetFile file(String name, byte[] content) {
        String sha = sha256(content);
        return new DatasetFile(name, content.length, sha, sha);
    }

    private static String sha256(byte[] content) {
        return HexFormat.of().formatHex(DatasetLocator.newSha256().digest(content));
    }

    private Path fill(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.write(dir.resolve("a.gz"), A);
        Files.write(dir.resolve("b.gz"), B);
        return dir;
    }

    private Path located(DatasetLocator locator) {
        Map<String, Path> files = locator.locate(tiny);
        assertEquals(List.of("a.gz", "b.gz"), List.copyOf(files.keySet()));
        assertEquals(files.get("a.gz").getParent(), files.get("b.gz").getParent());
        return files.get("a.gz").getParent();
    }

    @Test
    void locate_takesTheFirstPlaceInTheDocumentedOrder() throws IOException {
        Path explicit = fill(tmp.resolve("explicit"));
        Path property = fill(tmp.resolve("property-root/tiny"));
        Path env = fill(tmp.resolve("env-root/tiny"));
        Path cache = fill(home.resolve(".keras4j/datasets/tiny"));
        Path keras = fill(home.resolve(".keras/datasets/tiny"));
        Path system = fill(tmp.resolve("usr-share-datasets/tiny"));
        DatasetLocator locator = isolated.withDirectory(explicit)
                .withSystemProperties(Map.of(DatasetLocator.PROPERTY, tmp.resolve("property-root").toString()))
                .withEnvironment(Map.of(DatasetLocator.ENV_VAR, tmp.resolve("env-root").toString()));

        for (Path expected : List.of(explicit, property, env, cache, keras, system)) {
            assertEquals(expected, located(locator));
            Files.delete(expected.resolve("b.gz"));   // a directory with only some of the files is passed over
        }
        assertThrows(MissingDatasetException.class, () -> locator.locate(tiny));
        // then the download into the cache, which still has a.gz: only b.gz is fetched (and fails in tests)
        assertEquals(List.of(mirror.resolve("b.gz").toUri()), requested);
    }

    @Test
    void locate_dataRoot_prefersItsDatasetSubdirectory() throws IOException {
        Path root = fill(tmp.resolve("root"));
        Path sub = fill(root.resolve("tiny"));
        DatasetLocator locator = isolated.withEnvironment(Map.of(DatasetLocator.ENV_VAR, root.toString()));

        assertEquals(sub, located(locator));
        Files.delete(sub.resolve("a.gz"));
        assertEquals(root, located(locator));
    }

    @Test
    void locate_propertyWinsOverEnvironmentVariable() throws IOException {
        Path byProperty = fill(tmp.resolve("p/tiny"));
        fill(tmp.resolve("e/tiny"));
        DatasetLocator locator = isolated
                .withSystemProperties(Map.of(DatasetLocator.PROPERTY, tmp.resolve("p").toString()))
                .withEnvironment(Map.of(DatasetLocator.ENV_VAR, tmp.resolve("e").toString()));

        assertEquals(byProperty, located(locator));
    }

    @Test
    void locate_blankPropertyIsIgnored() throws IOException {
        Path cache = fill(home.resolve(".keras4j/datasets/tiny"));
        DatasetLocator locator = isolated.withSystemProperties(Map.of(DatasetLocator.PROPERTY, ""));

        assertEquals(cache, located(locator));
    }

    @Test
    void locate_kerasHomeReplacesDotKeras() throws IOException {
        Path kerasHome = fill(tmp.resolve("kh/datasets/tiny"));
        fill(home.resolve(".keras/datasets/tiny"));
        DatasetLocator locator = isolated.withEnvironment(Map.of("KERAS_HOME", tmp.resolve("kh").toString()));

        assertEquals(kerasHome, located(locator));
    }

    @Test
    void locate_acceptsDecompressedFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("plain"));
        Files.write(dir.resolve("a"), A);
        Files.write(dir.resolve("b.gz"), B);

        Map<String, Path> files = isolated.withDirectory(dir).locate(tiny);

        assertEquals(dir.resolve("a"), files.get("a.gz"));
        assertEquals(dir.resolve("b.gz"), files.get("b.gz"));
    }

    @Test
    void locate_nothingLocal_downloadsFromFileUrlIntoTheCache() throws IOException {
        DatasetLocator locator = isolated.withDownloader(Downloader.standard());

        Path dir = located(locator);

        Path cache = home.resolve(".keras4j/datasets/tiny");
        assertEquals(cache, dir);
        assertArrayEquals(A, Files.readAllBytes(cache.resolve("a.gz")));
        assertArrayEquals(B, Files.readAllBytes(cache.resolve("b.gz")));
        assertEquals(List.of("a.gz", "b.gz"), listing(cache), "no temporary files are left");
    }

    @Test
    void locate_someFilesCached_downloadsOnlyTheOthers() throws IOException {
        Path cache = Files.createDirectories(home.resolve(".keras4j/datasets/tiny"));
        Files.write(cache.resolve("a.gz"), A);
        DatasetLocator locator = isolated.withDownloader((url, target) -> {
            requested.add(url);
            Files.copy(Path.of(url), target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        });

        assertEquals(cache, located(locator));
        assertEquals(List.of(mirror.resolve("b.gz").toUri()), requested);
    }

    @Test
    void locate_downloadWithWrongChecksum_cachesNothingAndSaysWhy() throws IOException {
        DatasetLocator locator = isolated.withDownloader((url, target) -> Files.write(target,
                "tampered bytes".getBytes(StandardCharsets.UTF_8)));

        MissingDatasetException e = assertThrows(MissingDatasetException.class, () -> locator.locate(tiny));

        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertTrue(e.getMessage().contains("expected " + A.length + " bytes with sha256 " + sha256(A)),
                e.getMessage());
        Path cache = home.resolve(".keras4j/datasets/tiny");
        assertEquals(List.of(), listing(cache), "neither the file nor a temporary copy is cached");
    }

    @Test
    void locate_downloadCutShort_cachesNothing() throws IOException {
        DatasetLocator locator = isolated.withDownloader((url, target) -> {
            Files.write(target, new byte[] {1, 2, 3});
            throw new IOException("connection reset");
        });

        MissingDatasetException e = assertThrows(MissingDatasetException.class, () -> locator.locate(tiny));

        assertTrue(e.getMessage().contains("IOException: connection reset"), e.getMessage());
        assertEquals(List.of(), listing(home.resolve(".keras4j/datasets/tiny")));
    }

    @Test
    void locate_firstMirrorFails_usesTheNext() throws IOException {
        Path second = fill(tmp.resolve("second-mirror"));
        DatasetFiles twoMirrors = new DatasetFiles("tiny", "Tiny", tiny.files(),
                List.of(URI.create("http://unreachable.invalid/tiny/"), second.toUri()), null, null);
        DatasetLocator locator = isolated.withDownloader((url, target) -> {
            requested.add(url);
            if (!"file".equals(url.getScheme())) {
                throw new UnknownHostException(url.getHost());
            }
            Downloader.standard().download(url, target);
        });

        Map<String, Path> files = locator.locate(twoMirrors);

        assertArrayEquals(A, Files.readAllBytes(files.get("a.gz")));
        assertEquals(4, requested.size(), "each file: the first mirror, then the second");
    }

    @Test
    void locate_offline_listsWhatToPutWhere() {
        Path explicit = tmp.resolve("my-data");
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> isolated.withDirectory(explicit).locate(tiny));
        String m = e.getMessage();

        assertTrue(m.startsWith("Tiny is not on this machine and could not be downloaded."), m);
        assertTrue(m.contains(explicit + " (given directory): no such directory"), m);
        assertTrue(m.contains("system property keras4j.data: not set"), m);
        assertTrue(m.contains("environment variable KERAS4J_DATA: not set"), m);
        assertTrue(m.contains(home.resolve(".keras/datasets/tiny") + " (Keras cache)"), m);
        assertTrue(m.contains("UnknownHostException"), m);
        assertTrue(m.contains("put these 2 files, as published (gzipped or decompressed), in "
                + home.resolve(".keras4j/datasets/tiny")), m);
        assertTrue(m.contains("a.gz  " + A.length + " bytes  sha256 " + sha256(A)), m);
        assertTrue(m.contains("b.gz  " + B.length + " bytes  sha256 " + sha256(B)), m);
        assertTrue(m.contains("apt-get install dataset-tiny"), m);
        assertEquals(tiny, e.dataset());
    }

    @Test
    void locate_partialDirectory_isReportedWithTheMissingFiles() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("half"));
        Files.write(dir.resolve("a.gz"), A);

        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> isolated.withDirectory(dir).locate(tiny));

        assertTrue(e.getMessage().contains(dir + " (given directory): 1 of 2 files, missing [b.gz]"),
                e.getMessage());
    }

    @Test
    void locate_downloadsOff_neverCallsTheDownloader() {
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> isolated.withDownload(false).locate(tiny));

        assertTrue(e.getMessage().contains("downloads are turned off"), e.getMessage());
        assertEquals(List.of(), requested);
    }

    @Test
    void locate_mnistWithOnlyKerasNpz_saysThatFormatIsNotRead() throws IOException {
        Files.createDirectories(home.resolve(".keras/datasets"));
        Files.write(home.resolve(".keras/datasets/mnist.npz"), new byte[] {1});

        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> isolated.withDownload(false).locate(Mnist.FILES));

        assertTrue(e.getMessage().contains(home.resolve(".keras/datasets/mnist.npz")
                + ", Keras's own archive of the dataset: keras4j does not read it"), e.getMessage());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte.gz  9912422 bytes  sha256 "
                + "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"), e.getMessage());
    }

    @Test
    void searchPath_fashionMnist_endsWithTheDebianDirectory() {
        List<Path> path = isolated.searchPath(FashionMnist.FILES);

        assertEquals(List.of(home.resolve(".keras4j/datasets/fashion-mnist"),
                home.resolve(".keras/datasets/fashion-mnist"),
                tmp.resolve("usr-share-datasets/fashion-mnist")), path);
        assertFalse(isolated.searchPath(Mnist.FILES).contains(tmp.resolve("usr-share-datasets/mnist")),
                "no Debian package installs MNIST");
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
