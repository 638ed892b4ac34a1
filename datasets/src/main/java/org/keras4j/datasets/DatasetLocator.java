package org.keras4j.datasets;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the files of a published dataset on this machine, or downloads them into the keras4j cache.
 *
 * <p>A dataset's files (see {@link DatasetFiles}) are looked for, gzipped or not, in these directories, in this order;
 * the first directory that holds all of them is used:
 * <ol>
 *   <li>the directory given with {@link #withDirectory} (or to {@code FashionMnist.load(dir)}): {@code <dir>/<name>},
 *       then {@code <dir>};</li>
 *   <li>the system property {@value #PROPERTY}, a data root: {@code <root>/<name>}, then {@code <root>};</li>
 *   <li>the environment variable {@value #ENV_VAR}, a data root, the same way;</li>
 *   <li>the keras4j cache, {@code ~/.keras4j/datasets/<name>};</li>
 *   <li>Keras's cache, {@code $KERAS_HOME/datasets/<name>} ({@code KERAS_HOME} defaults to {@code ~/.keras}), where
 *       Keras keeps e.g. {@code fashion-mnist/*.gz};</li>
 *   <li>{@code /usr/share/datasets/<name>}, for a dataset a Debian package installs there
 *       ({@link DatasetFiles#debianPackage()}).</li>
 * </ol>
 * If none has them all, the missing files are downloaded from the dataset's mirrors into the keras4j cache: each
 * into a temporary file, checked against its size and SHA-256, and only then renamed into place, so a failed or
 * corrupt download is never cached. With no network (or downloads turned off) the {@link MissingDatasetException}
 * lists what was searched, why each download failed, and which files to put where.
 *
 * <p>Instances are immutable; every {@code with} method returns a copy. Tests replace the environment, home
 * directory and downloader to run without touching the real machine or the network.
 *
 * <pre>{@code
 * Map<String, Path> files = DatasetLocator.defaults()
 *         .withDirectory(Path.of("data"))
 *         .locate(FashionMnist.FILES);   // file name -> the file found (or downloaded)
 * }</pre>
 */
public final class DatasetLocator {

    /** The environment variable that names a data root. */
    public static final String ENV_VAR = "KERAS4J_DATA";

    /** The system property that names a data root; it wins over {@value #ENV_VAR}. */
    public static final String PROPERTY = "keras4j.data";

    private static final Logger LOG = LoggerFactory.getLogger(DatasetLocator.class);
    private static final Path SYSTEM_DATASETS = Path.of("/usr/share/datasets");

    private final Path directory;
    private final Map<String, String> environment;
    private final Map<String, String> properties;
    private final Path userHome;
    private final Path systemDatasets;
    private final Downloader downloader;
    private final boolean download;

    private DatasetLocator(Path directory, Map<String, String> environment, Map<String, String> properties,
                           Path userHome, Path systemDatasets, Downloader downloader, boolean download) {
        this.directory = directory;
        this.environment = environment;
        this.properties = properties;
        this.userHome = userHome;
        this.systemDatasets = systemDatasets;
        this.downloader = downloader;
        this.download = download;
    }

    /**
     * The lookup a plain {@code FashionMnist.load()} uses: no explicit directory, the real environment, system
     * properties and home directory (read when {@link #locate} runs), downloads on, {@link Downloader#standard()}.
     */
    public static DatasetLocator defaults() {
        return new DatasetLocator(null, null, null, null, SYSTEM_DATASETS, Downloader.standard(), true);
    }

    /**
     * Looks in {@code directory} first (then in the rest of the order).
     *
     * @param directory a directory holding the files, or a data root holding {@code <name>/}; {@code null} for none
     */
    public DatasetLocator withDirectory(Path directory) {
        return new DatasetLocator(directory, environment, properties, userHome, systemDatasets, downloader, download);
    }

    /**
     * Reads {@value #ENV_VAR} and {@code KERAS_HOME} from this map instead of the process environment.
     *
     * @throws IllegalArgumentException if {@code environment} is null
     */
    public DatasetLocator withEnvironment(Map<String, String> environment) {
        if (environment == null) {
            throw new IllegalArgumentException("environment must not be null");
        }
        return new DatasetLocator(directory, Map.copyOf(environment), properties, userHome, systemDatasets,
                downloader, download);
    }

    /**
     * Reads {@value #PROPERTY} from this map instead of the system properties.
     *
     * @throws IllegalArgumentException if {@code properties} is null
     */
    public DatasetLocator withSystemProperties(Map<String, String> properties) {
        if (properties == null) {
            throw new IllegalArgumentException("properties must not be null");
        }
        return new DatasetLocator(directory, environment, Map.copyOf(properties), userHome, systemDatasets,
                downloader, download);
    }

    /**
     * Uses this directory as {@code ~} (for the keras4j and Keras caches) instead of {@code user.home}.
     *
     * @throws IllegalArgumentException if {@code userHome} is null
     */
    public DatasetLocator withUserHome(Path userHome) {
        if (userHome == null) {
            throw new IllegalArgumentException("userHome must not be null");
        }
        return new DatasetLocator(directory, environment, properties, userHome, systemDatasets, downloader,
                download);
    }

    /**
     * Uses this directory instead of {@code /usr/share/datasets}.
     *
     * @throws IllegalArgumentException if {@code systemDatasets} is null
     */
    public DatasetLocator withSystemDatasetsDirectory(Path systemDatasets) {
        if (systemDatasets == null) {
            throw new IllegalArgumentException("systemDatasets must not be null");
        }
        return new DatasetLocator(directory, environment, properties, userHome, systemDatasets, downloader,
                download);
    }

    /**
     * Downloads missing files with this downloader.
     *
     * @throws IllegalArgumentException if {@code downloader} is null
     */
    public DatasetLocator withDownloader(Downloader downloader) {
        if (downloader == null) {
            throw new IllegalArgumentException("downloader must not be null");
        }
        return new DatasetLocator(directory, environment, properties, userHome, systemDatasets, downloader,
                download);
    }

    /** Turns downloading on (the default) or off; off, missing files fail at once with what to put where. */
    public DatasetLocator withDownload(boolean download) {
        return new DatasetLocator(directory, environment, properties, userHome, systemDatasets, downloader,
                download);
    }

    /** The keras4j cache directory of a dataset, {@code ~/.keras4j/datasets/<name>}, where downloads go. */
    public Path cacheDirectory(DatasetFiles dataset) {
        return home().resolve(".keras4j").resolve("datasets").resolve(checkDataset(dataset).name());
    }

    /** The directories searched for a dataset, in order (whether or not they exist). */
    public List<Path> searchPath(DatasetFiles dataset) {
        return candidates(checkDataset(dataset)).stream().filter(c -> c.dir != null).map(c -> c.dir).toList();
    }

    /**
     * Finds every file of the dataset, downloading what is missing into {@link #cacheDirectory}.
     *
     * @param dataset the dataset
     * @return for each of {@code dataset.files()}, in order, its name and the file found: the published file or its
     *         decompressed version (named {@link DatasetFile#uncompressedName()})
     * @throws MissingDatasetException if no searched directory holds all the files and they could not be downloaded
     */
    public Map<String, Path> locate(DatasetFiles dataset) {
        checkDataset(dataset);
        List<Candidate> candidates = candidates(dataset);
        for (Candidate candidate : candidates) {
            if (candidate.dir != null) {
                Map<String, Path> found = find(dataset, candidate.dir);
                if (found.size() == dataset.files().size()) {
                    LOG.debug("{} found in {} ({})", dataset.title(), candidate.dir, candidate.origin);
                    return found;
                }
            }
        }
        return download(dataset, candidates);
    }

    private Map<String, Path> download(DatasetFiles dataset, List<Candidate> candidates) {
        Path cache = cacheDirectory(dataset);
        if (!download) {
            throw missing(dataset, candidates, List.of("downloads are turned off"));
        }
        if (dataset.mirrors().isEmpty()) {
            throw missing(dataset, candidates, List.of("the dataset has no download location"));
        }
        Map<String, Path> inCache = find(dataset, cache);
        List<String> failures = new ArrayList<>();
        for (DatasetFile file : dataset.files()) {
            if (inCache.containsKey(file.name())) {
                continue;
            }
            Path target = cache.resolve(file.name());
            boolean done = false;
            for (URI mirror : dataset.mirrors()) {
                URI url = dataset.url(mirror, file);
                try {
                    LOG.info("Downloading {} ({} bytes) to {}", url, file.size(), target);
                    AtomicFiles.produce(target, temporary -> {
                        downloader.download(url, temporary);
                        verify(temporary, file, url);
                    });
                    done = true;
                    break;
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Download of {} failed: {}", url, describe(e));
                    failures.add(url + ": " + describe(e));
                }
            }
            if (!done) {
                throw missing(dataset, candidates, failures);
            }
        }
        Map<String, Path> found = find(dataset, cache);
        if (found.size() != dataset.files().size()) {
            throw missing(dataset, candidates, List.of("the downloaded files vanished from " + cache));
        }
        return found;
    }

    /** Checks a downloaded file against the published size and SHA-256; a mismatch fails the download. */
    private static void verify(Path downloaded, DatasetFile file, URI url) throws IOException {
        long size = Files.size(downloaded);
        String sha256 = sha256(downloaded);
        if (size != file.size() || !sha256.equals(file.sha256())) {
            throw new IOException("checksum mismatch: got " + size + " bytes with sha256 " + sha256 + ", expected "
                    + file.size() + " bytes with sha256 " + file.sha256() + "; the download was discarded");
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = newSha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    /** The dataset's files present in {@code dir}, by published name; empty if the directory does not exist. */
    private static Map<String, Path> find(DatasetFiles dataset, Path dir) {
        Map<String, Path> found = new LinkedHashMap<>();
        if (!Files.isDirectory(dir)) {
            return found;
        }
        for (DatasetFile file : dataset.files()) {
            Path published = dir.resolve(file.name());
            Path uncompressed = dir.resolve(file.uncompressedName());
            if (Files.isRegularFile(published)) {
                found.put(file.name(), published);
            } else if (Files.isRegularFile(uncompressed)) {
                found.put(file.name(), uncompressed);
            }
        }
        return found;
    }

    /** One place searched: a directory, or a setting that is not set ({@code dir == null}). */
    private record Candidate(Path dir, String origin) {
    }

    private List<Candidate> candidates(DatasetFiles dataset) {
        String name = dataset.name();
        List<Candidate> list = new ArrayList<>();
        if (directory != null) {
            list.add(new Candidate(directory.resolve(name), "given directory"));
            list.add(new Candidate(directory, "given directory"));
        }
        addRoot(list, property(PROPERTY), "system property " + PROPERTY, name);
        addRoot(list, env(ENV_VAR), "environment variable " + ENV_VAR, name);
        list.add(new Candidate(cacheDirectory(dataset), "keras4j cache"));
        String kerasHome = env("KERAS_HOME");
        Path keras = kerasHome != null ? Path.of(kerasHome) : home().resolve(".keras");
        list.add(new Candidate(keras.resolve("datasets").resolve(name), "Keras cache"));
        if (dataset.debianPackage() != null) {
            list.add(new Candidate(systemDatasets.resolve(name), "Debian package " + dataset.debianPackage()));
        }
        return list;
    }

    private static void addRoot(List<Candidate> list, String root, String origin, String name) {
        if (root == null) {
            list.add(new Candidate(null, origin));
        } else {
            Path path = Path.of(root);
            list.add(new Candidate(path.resolve(name), origin));
            list.add(new Candidate(path, origin));
        }
    }

    /** A setting's value, or null when unset or blank (Maven passes an empty property when none is given). */
    private String property(String key) {
        String value = properties != null ? properties.get(key) : System.getProperty(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private String env(String key) {
        String value = environment != null ? environment.get(key) : System.getenv(key);
        return value == null || value.isBlank() ? null : value.strip();
    }

    private Path home() {
        return userHome != null ? userHome : Path.of(System.getProperty("user.home"));
    }

    private MissingDatasetException missing(DatasetFiles dataset, List<Candidate> candidates, List<String> failures) {
        int n = dataset.files().size();
        StringBuilder m = new StringBuilder();
        m.append(dataset.title()).append(" is not on this machine and could not be downloaded.\n");
        m.append("Searched, in this order:\n");
        int i = 1;
        for (Candidate c : candidates) {
            m.append("  ").append(i++).append(". ");
            if (c.dir == null) {
                m.append(c.origin).append(": not set\n");
                continue;
            }
            m.append(c.dir.toAbsolutePath()).append(" (").append(c.origin).append("): ");
            if (!Files.isDirectory(c.dir)) {
                m.append("no such directory\n");
            } else {
                Map<String, Path> found = find(dataset, c.dir);
                if (found.isEmpty()) {
                    m.append("none of the files\n");
                } else {
                    List<String> absent = dataset.files().stream().map(DatasetFile::name)
                            .filter(f -> !found.containsKey(f)).toList();
                    m.append(found.size()).append(" of ").append(n).append(" files, missing ").append(absent)
                            .append('\n');
                }
            }
        }
        if (dataset.kerasArchive() != null) {
            Path keras = candidates.stream().filter(c -> c.origin.equals("Keras cache")).findFirst().orElseThrow()
                    .dir.getParent().resolve(dataset.kerasArchive());
            if (Files.isRegularFile(keras)) {
                m.append("Found ").append(keras).append(", Keras's own archive of the dataset: keras4j does not read")
                        .append(" it, it reads the original files listed below.\n");
            }
        }
        m.append("Download: ").append(failures.isEmpty() ? "not attempted" : "failed").append('\n');
        for (String failure : failures) {
            m.append("  ").append(failure).append('\n');
        }
        m.append("To fix it, put these ").append(n).append(" files, as published (gzipped or decompressed), in ")
                .append(cacheDirectory(dataset))
                .append(" (or in <dir>/").append(dataset.name()).append(" with -D").append(PROPERTY)
                .append("=<dir> or ").append(ENV_VAR).append("=<dir>):\n");
        for (DatasetFile file : dataset.files()) {
            m.append("  ").append(file.name()).append("  ").append(file.size()).append(" bytes  sha256 ")
                    .append(file.sha256()).append('\n');
        }
        if (!dataset.mirrors().isEmpty()) {
            m.append("They can be downloaded from ")
                    .append(String.join(" or ", dataset.mirrors().stream().map(URI::toString).toList()))
                    .append('\n');
        }
        if (dataset.debianPackage() != null) {
            m.append("On Debian or Ubuntu: sudo apt-get install ").append(dataset.debianPackage())
                    .append(" (installs them in ").append(systemDatasets.resolve(dataset.name())).append(")\n");
        }
        return new MissingDatasetException(dataset, m.toString().stripTrailing());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static DatasetFiles checkDataset(DatasetFiles dataset) {
        if (dataset == null) {
            throw new IllegalArgumentException("dataset must not be null");
        }
        return dataset;
    }

    @Override
    public String toString() {
        return "DatasetLocator[directory=" + directory + ", download=" + download + "]";
    }
}
