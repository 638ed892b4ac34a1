package org.keras4j.models.zoo;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.keras4j.Model;
import org.keras4j.layers.Layer;
import org.keras4j.saving.ArchiveReader;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Loads torchvision's ResNet weights into {@link ResNet}'s models: a {@code state_dict} saved as NumPy's {@code .npz}
 * (one array per key), e.g. from the {@code resnet18-f37072fd.pth} file torchvision downloads:
 *
 * <pre>{@code
 * # Python, once:
 * import numpy, torch
 * state = torch.load("resnet18-f37072fd.pth")
 * numpy.savez("resnet18.npz", **{k: v.numpy() for k, v in state.items()})
 * }</pre>
 * <pre>{@code
 * // Java:
 * Functional model = ResNet.resnet18(ApplicationOptions.defaults().weights(Path.of("resnet18.npz")));
 * }</pre>
 *
 * <p>torchvision's names map to Keras's ResNet names ({@code conv1} to {@code conv1_conv}, {@code bn1} to
 * {@code conv1_bn}, {@code layer2.0.conv1} to {@code conv3_block1_1_conv}, {@code layer2.0.downsample.0 / .1} to
 * {@code conv3_block1_0_conv / _0_bn}, {@code fc} to {@code predictions}) and each array to Keras's layout: a
 * convolution's {@code [out, in, kh, kw]} to {@code [kh, kw, in, out]}, {@code fc.weight [classes, 512]} transposed,
 * BatchNorm's {@code weight, bias, running_mean, running_var} to gamma, beta, moving mean, moving variance
 * ({@code num_batches_tracked} is not a weight and is skipped). Images must then be prepared as torchvision's:
 * channels last, {@code toFloat()} and {@code normalize} with ImageNet's mean and std. A model without the top
 * ({@code includeTop(false)}) skips {@code fc}, as Keras's loading by name does.
 *
 * <p>Every array is checked against the model's shapes and read bounded by them before any weight is written; a
 * missing or unknown key fails naming it.
 */
public final class TorchvisionWeights {
    private static final Pattern BLOCK = Pattern.compile(
            "layer(\\d+)\\.(\\d+)\\.(conv1|conv2|bn1|bn2|downsample\\.0|downsample\\.1)\\.(\\w+)");
    private static final List<String> BN_KEYS = List.of("weight", "bias", "running_mean", "running_var");

    private TorchvisionWeights() {
    }

    /**
     * Loads {@code npz} into {@code model}, a compiled {@link ResNet} (ResNet18 or ResNet34).
     *
     * @throws IllegalStateException    if the model is neither compiled nor built
     * @throws IllegalArgumentException if the file is missing or malformed, lacks a weight of the model, holds a key
     *                                  that is not one of the model's, or an array has another shape than the model's
     *                                  (the message names the key, the expected and the found shape)
     */
    public static void load(Model model, Path npz) {
        if (!model.isBuilt()) {
            throw new IllegalStateException("compile (or build) model '" + model.name() + "' before loading weights"
                    + " into it: keras4j creates the weights then");
        }
        Map<String, Layer> layers = new HashMap<>();
        for (Layer l : model.layers()) {
            layers.put(l.name(), l);
        }
        boolean top = layers.containsKey("predictions");
        Map<Layer, INDArray[]> pending = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        try (ArchiveReader zip = Npz.open(npz)) {
            for (String key : Npz.names(npz)) {
                if (key.endsWith(".num_batches_tracked") || (!top && key.startsWith("fc."))) {
                    continue;
                }
                Target t = target(key);
                Layer layer = t == null ? null : layers.get(t.layer);
                if (layer == null) {
                    unknown.add(key);
                    continue;
                }
                List<INDArray> current = layer.getWeights();
                INDArray[] arrays = pending.computeIfAbsent(layer, l -> new INDArray[current.size()]);
                if (t.index >= current.size()) {
                    unknown.add(key);
                    continue;
                }
                long[] kerasShape = current.get(t.index).shape();
                long[] torchShape = t.layout.torchShape(kerasShape);
                float[] values = Npz.read(zip, key, torchShape);
                arrays[t.index] = t.layout.toKeras(Nd4j.create(values, torchShape, 'c'));
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(npz + " holds keys that are not weights of model '" + model.name()
                    + "': " + unknown + " (expected torchvision's ResNet names: conv1, bn1, layer1.0.conv1, ..., fc)");
        }
        TreeSet<String> missing = new TreeSet<>();
        for (Layer l : model.layers()) {
            List<INDArray> current = l.getWeights();
            INDArray[] given = pending.get(l);
            for (int i = 0; i < current.size(); i++) {
                if (given == null || given[i] == null) {
                    missing.add(l.name() + "[" + i + "]");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(npz + " lacks weights of model '" + model.name() + "' for " + missing);
        }
        pending.forEach((layer, arrays) -> layer.setWeights(List.of(arrays)));
    }

    /** Where a torchvision key goes: a Keras layer, the index of its weight, and the layout change. */
    private record Target(String layer, int index, Layout layout) {
    }

    private static Target target(String key) {
        if (key.equals("conv1.weight")) {
            return new Target("conv1_conv", 0, Layout.CONV);
        }
        if (key.startsWith("bn1.")) {
            return bn("conv1_bn", key.substring(4));
        }
        if (key.equals("fc.weight")) {
            return new Target("predictions", 0, Layout.DENSE);
        }
        if (key.equals("fc.bias")) {
            return new Target("predictions", 1, Layout.SAME);
        }
        Matcher m = BLOCK.matcher(key);
        if (!m.matches()) {
            return null;
        }
        String prefix = "conv" + (Integer.parseInt(m.group(1)) + 1) + "_block" + (Integer.parseInt(m.group(2)) + 1);
        String part = m.group(3);
        String param = m.group(4);
        return switch (part) {
            case "conv1", "conv2" -> param.equals("weight")
                    ? new Target(prefix + "_" + part.charAt(4) + "_conv", 0, Layout.CONV) : null;
            case "bn1", "bn2" -> bn(prefix + "_" + part.charAt(2) + "_bn", param);
            case "downsample.0" -> param.equals("weight") ? new Target(prefix + "_0_conv", 0, Layout.CONV) : null;
            default -> bn(prefix + "_0_bn", param);
        };
    }

    private static Target bn(String layer, String param) {
        int i = BN_KEYS.indexOf(param);
        return i < 0 ? null : new Target(layer, i, Layout.SAME);
    }

    /** torchvision's array layout against Keras's. */
    private enum Layout {
        /** Convolution kernel: torch {@code [out, in, kh, kw]}, Keras {@code [kh, kw, in, out]}. */
        CONV {
            @Override
            long[] torchShape(long[] keras) {
                return new long[] {keras[3], keras[2], keras[0], keras[1]};
            }

            @Override
            INDArray toKeras(INDArray torch) {
                return torch.permute(2, 3, 1, 0).dup('c');
            }
        },
        /** Dense kernel: torch {@code [out, in]}, Keras {@code [in, out]}. */
        DENSE {
            @Override
            long[] torchShape(long[] keras) {
                return new long[] {keras[1], keras[0]};
            }

            @Override
            INDArray toKeras(INDArray torch) {
                return torch.transpose().dup('c');
            }
        },
        SAME {
            @Override
            long[] torchShape(long[] keras) {
                return keras.clone();
            }

            @Override
            INDArray toKeras(INDArray torch) {
                return torch;
            }
        };

        abstract long[] torchShape(long[] keras);

        abstract INDArray toKeras(INDArray torch);
    }
}
