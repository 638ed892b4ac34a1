package org.keras4j.models;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * An RBM's file: a magic line, the configuration, the SGD settings, step count, loss and
 * metric names when compiled, then the parameters (and momentum velocities) as big-endian
 * floats. Written to a temporary file and moved into place, so a crash never leaves half a
 * file; read with every size checked against the file's length before anything is allocated.
 *
 * <pre>{@code
 * RbmFile.save(rbm, Path.of("rbm.k4rbm"));
 * RBM back = RbmFile.load(Path.of("rbm.k4rbm"));
 * }</pre>
 */
final class RbmFile {
    private static final Logger LOG = LoggerFactory.getLogger(RbmFile.class);
    private static final byte[] MAGIC = "keras4j-rbm\n".getBytes(StandardCharsets.US_ASCII);
    private static final int VERSION = 1;

    private RbmFile() {
    }

    static void save(RBM rbm, Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (rbm.params() == null) {
            throw new IllegalStateException("RBM '" + rbm.name() + "' has no weights yet: call compile() before save()");
        }
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, "." + path.getFileName(), ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                write(rbm, out);
            }
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write RBM '" + rbm.name() + "' to " + path, e);
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

    private static void write(RBM rbm, DataOutputStream out) throws IOException {
        out.write(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(rbm.name());
        out.writeUTF(rbm.visibleUnits().id());
        out.writeInt(rbm.visible());
        out.writeInt(rbm.hidden());
        out.writeInt(rbm.cdSteps());
        out.writeBoolean(rbm.persistent());
        out.writeDouble(rbm.weightDecay());
        out.writeDouble(rbm.sparsityTarget());
        out.writeDouble(rbm.sparsityCost());
        boolean compiled = rbm.isCompiled();
        out.writeBoolean(compiled);
        INDArray velocity = null;
        if (compiled) {
            SGD sgd = (SGD) rbm.optimizer();
            if (sgd.learningRateSchedule() != null) {
                LOG.warn("RBM '{}': the learning-rate schedule is not saved; the file keeps the rate {}", rbm.name(),
                        sgd.getLearningRate());
            }
            CompiledNetwork network = rbm.network();
            out.writeDouble(sgd.getLearningRate());
            out.writeDouble(sgd.momentum());
            out.writeBoolean(sgd.nesterov());
            out.writeInt(network.iterationCount());
            out.writeUTF(rbm.loss().identifier());
            List<Metric> metrics = rbm.metrics();
            out.writeInt(metrics.size());
            for (Metric m : metrics) {
                out.writeUTF(m.name());
            }
            velocity = network.optimizerState();
            out.writeBoolean(velocity.length() > 0);
        }
        writeFloats(out, rbm.params());
        if (velocity != null && velocity.length() > 0) {
            writeFloats(out, velocity);
        }
    }

    private static void writeFloats(DataOutputStream out, INDArray a) throws IOException {
        for (float f : a.castTo(DataType.FLOAT).reshape(-1).toFloatVector()) {
            out.writeFloat(f);
        }
    }

    static RBM load(Path path) {
        if (path == null) {
            throw new IllegalArgumentException("path must not be null");
        }
        if (!Files.isRegularFile(path)) {
            throw new IllegalArgumentException("no RBM file at " + path);
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(path)))) {
            long size = Files.size(path);
            return read(path, in, size);
        } catch (EOFException e) {
            throw new IllegalArgumentException(path + " is truncated: it ends inside the RBM header", e);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }

    private static RBM read(Path path, DataInputStream in, long size) throws IOException {
        byte[] magic = new byte[MAGIC.length];
        if (size < MAGIC.length || in.read(magic) != MAGIC.length || !Arrays.equals(magic, MAGIC)) {
            throw new IllegalArgumentException(path + " is not a keras4j RBM file (it does not start with 'keras4j-rbm')");
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IllegalArgumentException(path + ": RBM file version " + VERSION + " expected, got " + version);
        }
        long headerStart = MAGIC.length + 4;
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
        long header = headerStart + utfBytes(name) + utfBytes(units) + 4 + 4 + 4 + 1 + 8 + 8 + 8 + 1;
        boolean compiled = in.readBoolean();
        double lr = 0;
        double momentum = 0;
        boolean nesterov = false;
        int iterations = 0;
        String loss = null;
        List<String> metrics = new ArrayList<>();
        boolean hasVelocity = false;
        if (compiled) {
            lr = in.readDouble();
            momentum = in.readDouble();
            nesterov = in.readBoolean();
            iterations = in.readInt();
            loss = in.readUTF();
            int metricCount = in.readInt();
            header += 8 + 8 + 1 + 4 + utfBytes(loss) + 4;
            if (metricCount < 0 || metricCount > size - header) {
                throw new IllegalArgumentException(path + ": metric count " + metricCount + " does not fit the file");
            }
            for (int i = 0; i < metricCount; i++) {
                String m = in.readUTF();
                metrics.add(m);
                header += utfBytes(m);
            }
            hasVelocity = in.readBoolean();
            header += 1;
        }
        long params = (long) visible * hidden + hidden + visible;
        long expected = header + 4 * params * (hasVelocity ? 2 : 1);
        if (size != expected) {
            throw new IllegalArgumentException(path + " holds " + size + " bytes, but an RBM of " + visible + " x " + hidden
                    + " units needs " + expected + (size < expected ? ": the file is truncated" : ": extra bytes at the end"));
        }
        INDArray flat = readFloats(in, params);
        RBM rbm = RBM.restored(config, flat);
        if (compiled) {
            SGD sgd;
            Loss resolvedLoss;
            try {
                sgd = new SGD(lr, momentum, nesterov);
                resolvedLoss = Losses.get(loss);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(path + ": invalid compile settings: " + e.getMessage(), e);
            }
            rbm.compile(sgd, resolvedLoss, metrics.toArray(String[]::new));
            rbm.network().setIterationCount(iterations);
            if (hasVelocity) {
                rbm.network().setOptimizerState(readFloats(in, params));
            }
        }
        return rbm;
    }

    private static INDArray readFloats(DataInputStream in, long count) throws IOException {
        float[] values = new float[Math.toIntExact(count)];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return Nd4j.createFromArray(values);
    }

    /** Bytes {@code writeUTF} wrote for {@code s}: a 2-byte length, then modified UTF-8. */
    private static long utfBytes(String s) {
        long n = 2;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c >= 0x0001 && c <= 0x007F ? 1 : c <= 0x07FF ? 2 : 3;
        }
        return n;
    }
}
