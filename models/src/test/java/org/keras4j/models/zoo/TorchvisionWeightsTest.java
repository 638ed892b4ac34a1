package org.keras4j.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.keras4j.Functional;
import org.keras4j.Keras;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TorchvisionWeightsTest {
    private static final ApplicationOptions SMALL = ApplicationOptions.defaults().inputShape(32, 32, 3).classes(3);
    private static Functional model;

    @TempDir
    Path dir;

    @BeforeAll
    static void build() {
        Keras.setRandomSeed(0);
        model = ResNet.resnet18(SMALL);
        model.compile("adam", "mse");
    }

    /** A state_dict of torchvision's resnet18 with 3 classes, random values, in torch's shapes. */
    private static Map<String, float[]> stateDict(Map<String, long[]> shapes) {
        Map<String, long[]> s = shapes;
        s.put("conv1.weight", new long[] {64, 3, 7, 7});
        bn(s, "bn1", 64);
        int in = 64;
        for (int layer = 1; layer <= 4; layer++) {
            int out = 64 << (layer - 1);
            for (int block = 0; block < 2; block++) {
                String p = "layer" + layer + "." + block + ".";
                s.put(p + "conv1.weight", new long[] {out, block == 0 ? in : out, 3, 3});
                bn(s, p + "bn1", out);
                s.put(p + "conv2.weight", new long[] {out, out, 3, 3});
                bn(s, p + "bn2", out);
                if (block == 0 && layer > 1) {
                    s.put(p + "downsample.0.weight", new long[] {out, in, 1, 1});
                    bn(s, p + "downsample.1", out);
                }
            }
            in = out;
        }
        s.put("fc.weight", new long[] {3, 512});
        s.put("fc.bias", new long[] {3});
        Random random = new Random(1);
        Map<String, float[]> values = new LinkedHashMap<>();
        s.forEach((k, shape) -> {
            float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
            for (int i = 0; i < v.length; i++) {
                v[i] = k.endsWith("running_var") ? 0.5f + random.nextFloat() : (float) random.nextGaussian();
            }
            values.put(k, v);
        });
        return values;
    }

    private static void bn(Map<String, long[]> s, String prefix, int channels) {
        for (String p : List.of("weight", "bias", "running_mean", "running_var")) {
            s.put(prefix + "." + p, new long[] {channels});
        }
    }

    /** numpy.save's format 1.0: magic, version, header length, a dict padded to 64 bytes, the values. */
    static byte[] npy(String descr, long[] shape, byte[] data) {
        StringBuilder dims = new StringBuilder();
        for (long d : shape) {
            dims.append(d).append(", ");
        }
        String tuple = shape.length == 0 ? "()" : shape.length == 1 ? "(" + shape[0] + ",)"
                : "(" + dims.substring(0, dims.length() - 2) + ")";
        StringBuilder header = new StringBuilder("{'descr': '" + descr + "', 'fortran_order': False, 'shape': "
                + tuple + ", }");
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }

    static byte[] floats(float[] v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    private Path npz(Map<String, byte[]> entries) throws IOException {
        Path file = dir.resolve("resnet18-" + entries.hashCode() + ".npz");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey() + ".npy"));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    private Map<String, byte[]> entries(Map<String, long[]> shapes, Map<String, float[]> values) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        values.forEach((k, v) -> entries.put(k, npy("<f4", shapes.get(k), floats(v))));
        // not a weight: skipped
        entries.put("bn1.num_batches_tracked", npy("<i8", new long[0], new byte[8]));
        return entries;
    }

    @Test
    void load_mapsTorchvisionNamesAndLayouts() throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> state = stateDict(shapes);

        TorchvisionWeights.load(model, npz(entries(shapes, state)));

        // conv: torch [out, in, kh, kw] -> Keras [kh, kw, in, out]
        INDArray conv1 = model.getLayer("conv1_conv").getWeights().get(0);
        assertEquals(state.get("conv1.weight")[((5 * 3 + 2) * 7 + 1) * 7 + 4], conv1.getFloat(1, 4, 2, 5));
        INDArray shortcut = model.getLayer("conv4_block1_0_conv").getWeights().get(0);
        assertEquals(state.get("layer3.0.downsample.0.weight")[7 * 128 + 100], shortcut.getFloat(0, 0, 100, 7));
        INDArray secondConv = model.getLayer("conv5_block2_2_conv").getWeights().get(0);
        assertEquals(state.get("layer4.1.conv2.weight")[((9 * 512 + 3) * 3 + 2) * 3], secondConv.getFloat(2, 0, 3, 9));
        // BatchNorm: weight, bias, running_mean, running_var -> gamma, beta, moving mean, moving variance
        List<INDArray> bn = model.getLayer("conv3_block2_1_bn").getWeights();
        assertEquals(state.get("layer2.1.bn1.running_var")[17], bn.get(3).getFloat(17));
        assertEquals(state.get("layer2.1.bn1.weight")[0], bn.get(0).getFloat(0));
        // fc: [classes, 512] -> kernel [512, classes]
        List<INDArray> fc = model.getLayer("predictions").getWeights();
        assertEquals(state.get("fc.weight")[2 * 512 + 300], fc.get(0).getFloat(300, 2));
        assertEquals(state.get("fc.bias")[1], fc.get(1).getFloat(1));
    }

    @Test
    void weightsOption_npz_loadsTorchvisionWeights_withoutTopSkipsFc() throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> state = stateDict(shapes);
        Path file = npz(entries(shapes, state));

        Functional base = ResNet.resnet18(SMALL.includeTop(false).pooling("avg").weights(file));

        assertEquals(state.get("bn1.bias")[3], base.getLayer("conv1_bn").getWeights().get(1).getFloat(3));
    }

    @Test
    void missingUnknownOrMisshapedArrays_failNamingThem_beforeAnyWeightChanges() throws IOException {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        Map<String, float[]> state = stateDict(shapes);
        INDArray before = model.getLayer("conv1_conv").getWeights().get(0);

        Map<String, byte[]> missing = entries(shapes, state);
        missing.remove("layer4.1.bn2.running_var");
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> TorchvisionWeights.load(model, npz(missing)));
        assertTrue(m.getMessage().endsWith("lacks weights of model 'resnet18' for [conv5_block2_2_bn[3]]"),
                m.getMessage());

        Map<String, byte[]> unknown = entries(shapes, state);
        unknown.put("layer5.0.conv1.weight", npy("<f4", new long[] {1}, floats(new float[1])));
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> TorchvisionWeights.load(model, npz(unknown)));
        assertTrue(u.getMessage().contains("[layer5.0.conv1.weight]"), u.getMessage());

        Map<String, byte[]> wrong = entries(shapes, state);
        wrong.put("fc.weight", npy("<f4", new long[] {10, 512}, floats(new float[10 * 512])));
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> TorchvisionWeights.load(model, npz(wrong)));
        assertTrue(w.getMessage().endsWith("array 'fc.weight' has shape [10, 512], expected [3, 512]"),
                w.getMessage());

        // a header claiming the right shape over too few bytes: read bounded, nothing allocated from the claim
        Map<String, byte[]> truncated = entries(shapes, state);
        truncated.put("fc.bias", npy("<f4", new long[] {3}, new byte[4]));
        IllegalArgumentException t = assertThrows(IllegalArgumentException.class,
                () -> TorchvisionWeights.load(model, npz(truncated)));
        assertTrue(t.getMessage().contains("holds 4 bytes of data, its shape [3] takes 12"), t.getMessage());

        Map<String, byte[]> ints = entries(shapes, state);
        ints.put("fc.bias", npy("<i4", new long[] {3}, new byte[12]));
        IllegalArgumentException i = assertThrows(IllegalArgumentException.class,
                () -> TorchvisionWeights.load(model, npz(ints)));
        assertTrue(i.getMessage().contains("has type '<i4'"), i.getMessage());

        assertEquals(before, model.getLayer("conv1_conv").getWeights().get(0), "nothing was written");
        Path notZip = Files.writeString(dir.resolve("x.npz"), "not a zip");
        assertThrows(IllegalArgumentException.class, () -> TorchvisionWeights.load(model, notZip));
    }
}
