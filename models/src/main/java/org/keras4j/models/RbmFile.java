package org.keras4j.models;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.keras4j.Model;
import org.keras4j.engine.CompiledNetwork;
import org.keras4j.losses.Loss;
import org.keras4j.losses.Losses;
import org.keras4j.metrics.Metric;
import org.keras4j.optimizers.SGD;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file of an {@link RBM} or a {@link RatingRBM}: a magic line, the format version, the kind
 * ({@code rbm} or {@code rating_rbm}), the configuration, the SGD settings, step count, loss and
 * metric names when compiled, then the parameters (and momentum velocities) as big-endian floats.
 * Written to a temporary file and moved into place, so a crash never leaves half a file; read
 * with every size checked against the bytes left in the file before anything is allocated.
 * Version 1 files (RBMs only, written before the kind existed) still load.
 *
 * <pre>{@code
 * RbmFile.save(rbm, Path.of("rbm.k4rbm"));
 * RBM back = RbmFile.load(Path.of("rbm.k4rbm"));
 * RatingRBM cf = RbmFile.loadRating(Path.of("cf.k4rbm"));
 * }</pre>
 */
final class RbmFile {
    private static final Logger LOG = LoggerFactory.getLogger(RbmFile.class);
    private static final byte[] MAGIC = "keras4j-rbm\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 2;
    private static final String RBM_KIND = "rbm";
    private static final String RATING_KIND = "rating_rbm";

    private RbmFile() {
    }

    /** What a kind of model writes and reads of its own; the rest of the file is common. */
    private interface Writer {
        void writeConfig(DataOutputStream out) throws IOException;
    }

    static void save(RBM rbm, Path path) {
        save(rbm, rbm.params(), RBM_KIND, path, out -> {
            out.writeUTF(rbm.name());
            out.writeUTF(rbm.visibleUnits().id());
            out.writeInt(rbm.visible());
            out.writeInt(rbm.hidden());
            out.writeInt(rbm.cdSteps());
            out.writeBoolean(rbm.persistent());
            out.writeDouble(rbm.weightDecay());
            out.writeDouble(rbm.sparsityTarget());
            out.writeDouble(rbm.sparsityCost());
        });
    }

    static void save(RatingRBM cf, Path path) {
        save(cf, cf.params(), RATING_KIND, path, out -> {
            out.writeUTF(cf.name());
            out.writeInt(cf.items());
            out.writeInt(cf.levels());
            out.writeInt(cf.hidden());
            out.writeInt(cf.cdSteps());
            out.writeDouble(cf.weightDecay());
        });
    }

    private static void save(Model model, INDArray params, String kind, Path path, Writer config) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (params == null) {
            throw new IllegalStateException(model.getClass().getSimpleName() + " '" + model.name()
                    + "' has no weights yet: call compile() before save()");
        }
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.write(MAGIC);
                out.writeInt(VERSION);
                out.writeUTF(kind);
                config.writeConfig(out);
                writeCompiled(model, params, out);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + model.getClass().getSimpleName() + " '" + model.name()
                    + "' to " + path, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the move succeeded or the write failed: either way nothing more to do
                }
            }
        }
    }

    /** The compile state (when compiled), the parameters and the momentum velocities. */
    private static void writeCompiled(Model model, INDArray params, DataOutputStream out) throws IOException {
        boolean compiled = model.isCompiled();
        out.writeBoolean(compiled);
        INDArray velocity = null;
        if (compiled) {
            SGD sgd = (SGD) model.optimizer();
            if (sgd.learningRateSchedule() != null) {
                LOG.warn("{} '{}': the learning-rate schedule is not saved; the file keeps the rate {}",
                        model.getClass().getSimpleName(), model.name(), sgd.getLearningRate());
            }
            CompiledNetwork network = model.network();
            out.writeDouble(sgd.getLearningRate());
            out.writeDouble(sgd.momentum());
            out.writeBoolean(sgd.nesterov());
            out.writeInt(network.iterationCount());
            out.writeUTF(model.loss().identifier());
            List<Metric> metrics = model.metrics();
            out.writeInt(metrics.size());
            for (Metric m : metrics) {
                out.writeUTF(m.name());
            }
            velocity = network.optimizerState();
            out.writeBoolean(velocity.length() > 0);
        }
        writeFloats(out, params);
        if (velocity != null && velocity.length() > 0) {
            writeFloats(out, velocity);
        }
    }

    private static void writeFloats(DataOutputStream out, INDArray a) throws IOException {
        for (float f : a.castTo(DataType.FLOAT).reshape(-1).toFloatVector()) {
            out.writeFloat(f);
        }
    }

    /**
     * Loads an RBM file.
     *
     * @throws IllegalArgumentException if the file is missing, truncated, not an RBM file, or holds a RatingRBM
     */
    static RBM load(Path path) {
        Model m = read(path);
        if (!(m instanceof RBM rbm)) {
            throw new IllegalArgumentException(path + " holds a RatingRBM, not an RBM: load it with RatingRBM.load");
        }
        return rbm;
    }

    /**
     * Loads a RatingRBM file.
     *
     * @throws IllegalArgumentException if the file is missing, truncated, not an RBM file, or holds an RBM
     */
    static RatingRBM loadRating(Path path) {
        Model m = read(path);
        if (!(m instanceof RatingRBM cf)) {
            throw new IllegalArgumentException(path + " holds an RBM, not a RatingRBM: load it with RBM.load");
        }
        return cf;
    }

    private static Model read(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no RBM file at " + path);
        }
        try (CountingStream counted = new CountingStream(new BufferedInputStream(Files.newInputStream(path)));
             DataInputStream in = new DataInputStream(counted)) {
            return read(path, in, counted, Files.size(path));
        } catch (EOFException e) {
            throw new IllegalArgumentException(path + " is truncated: it ends inside the RBM header", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    private static Model read(Path path, DataInputStream in, CountingStream counted, long size) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        if (size < MAGIC.length || in.read(magic) != MAGIC.length || !Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(path + " is not a keras4j RBM file (it does not start with 'keras4j-rbm')");
        }
        int version = in.readInt();
        if (version != 1 && version != VERSION) {
            throw new IllegalArgumentException(path + ": RBM file version 1 or " + VERSION + " expected, got " + version);
        }
        String kind = version == 1 ? RBM_KIND : in.readUTF();
        return switch (kind) {
            case RBM_KIND -> readRbm(path, in, counted, size);
            case RATING_KIND -> readRating(path, in, counted, size);
            default -> throw new IllegalArgumentException(path + ": unknown model kind '" + kind + "', expected "
                    + RBM_KIND + " or " + RATING_KIND);
        };
    }

    private static RBM readRbm(Path path, DataInputStream in, CountingStream counted, long size) throws IOException {
        String name = in.readUTF();
        String units = in.readUTF();
        int visible = in.readInt();
        int hidden = in.readInt();
        RBM.Builder config;
        try {
            config = RBM.builder(visible, hidden).name(name).visibleUnits(units).cdSteps(in.readInt())
                    .persistent(in.readBoolean()).weightDecay(in.readDouble());
            config.sparsity(in.readDouble(), in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": invalid RBM configuration: " + e.getMessage(), e);
        }
        long params = (long) visible * hidden + hidden + visible;
        Compiled c = readCompiled(path, in, counted, size, params, visible + " x " + hidden + " RBM");
        RBM rbm = RBM.restored(config, c.params);
        if (c.sgd != null) {
            rbm.compile(c.sgd, Losses.get(c.loss), c.metrics.toArray(String[]::new));
            c.restoreInto(rbm.network());
        }
        return rbm;
    }

    private static RatingRBM readRating(Path path, DataInputStream in, CountingStream counted, long size)
            throws IOException {
        String name = in.readUTF();
        int items = in.readInt();
        int levels = in.readInt();
        int hidden = in.readInt();
        RatingRBM.Builder config;
        try {
            config = RatingRBM.builder(items, levels, hidden).name(name).cdSteps(in.readInt())
                    .weightDecay(in.readDouble());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": invalid RatingRBM configuration: " + e.getMessage(), e);
        }
        long visible = (long) items * levels;
        long params = visible * hidden + hidden + visible;
        Compiled c = readCompiled(path, in, counted, size, params,
                "RatingRBM of " + items + " items x " + levels + " levels x " + hidden + " hidden units");
        RatingRBM cf = RatingRBM.restored(config, c.params);
        if (c.sgd != null) {
            Loss loss = c.loss.equals(new MaskedRatingError().identifier()) ? new MaskedRatingError() : Losses.get(c.loss);
            cf.compile(c.sgd, loss, c.metrics.toArray(String[]::new));
            c.restoreInto(cf.network());
        }
        return cf;
    }

    /** The common tail of a file: compile settings (sgd null when saved uncompiled), parameters, velocities. */
    private record Compiled(SGD sgd, String loss, List<String> metrics, int iterations, INDArray params,
                            INDArray velocity) {
        void restoreInto(CompiledNetwork network) {
            network.setIterationCount(iterations);
            if (velocity != null) {
                network.setOptimizerState(velocity);
            }
        }
    }

    private static Compiled readCompiled(Path path, DataInputStream in, CountingStream counted, long size, long params,
                                         String what) throws IOException {
        boolean compiled = in.readBoolean();
        SGD sgd = null;
        String loss = null;
        List<String> metrics = new ArrayList<>();
        int iterations = 0;
        boolean hasVelocity = false;
        if (compiled) {
            double lr = in.readDouble();
            double momentum = in.readDouble();
            boolean nesterov = in.readBoolean();
            iterations = in.readInt();
            loss = in.readUTF();
            int metricCount = in.readInt();
            if (metricCount < 0 || metricCount > size - counted.count()) {
                throw new IllegalArgumentException(path + ": metric count " + metricCount + " does not fit the file");
            }
            for (int i = 0; i < metricCount; i++) {
                metrics.add(in.readUTF());
            }
            hasVelocity = in.readBoolean();
            try {
                sgd = new SGD(lr, momentum, nesterov);
                if (!loss.equals(new MaskedRatingError().identifier())) {
                    Losses.get(loss);
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": invalid compile settings: " + e.getMessage(), e);
            }
        }
        long expected = counted.count() + 4 * params * (hasVelocity ? 2 : 1);
        if (size != expected) {
            throw new IllegalArgumentException(path + " holds " + size + " bytes, but a " + what + " needs " + expected
                    + (size < expected ? ": the file is truncated" : ": extra bytes at the end"));
        }
        INDArray flat = readFloats(in, params);
        INDArray velocity = hasVelocity ? readFloats(in, params) : null;
        return new Compiled(sgd, loss, metrics, iterations, flat, velocity);
    }

    private static INDArray readFloats(DataInputStream in, long count) throws IOException {
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return Nd4j.createFromArray(values);
    }

    /** Counts the bytes read through it, so sizes are checked against what is left of the file. */
    private static final class CountingStream extends FilterInputStream {
        private long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
