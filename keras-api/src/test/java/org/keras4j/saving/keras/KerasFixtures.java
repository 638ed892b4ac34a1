package org.keras4j.saving.keras;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.keras4j.Model;
import org.nd4j.shade.jackson.core.type.TypeReference;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/** The real Keras configs copied into {@code keras-configs/} (see SOURCES.md there), read for tests. */
final class KerasFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasFixtures() {
    }

    static String text(String name) {
        try (InputStream in = KerasFixtures.class.getResourceAsStream("/keras-configs/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource keras-configs/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> json(String name) {
        return parse(text(name));
    }

    static Map<String, Object> parse(String json) {
        try {
            return JSON.readValue(json, new TypeReference<Map<String, Object>>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Model model(String name) {
        return KerasModelConfig.fromJson(text(name), name);
    }

    /** "Total params: 1,234" as {total, trainable, non-trainable}. */
    static long[] counts(Model model) {
        String s = model.summaryText();
        return new long[] {number(s, "Total params: "), number(s, "Trainable params: "), number(s, "Non-trainable params: ")};
    }

    private static long number(String summary, String label) {
        int i = summary.indexOf(label) + label.length();
        int j = summary.indexOf('\n', i);
        String n = summary.substring(i, j).trim().replace(",", "");
        return Long.parseLong(n.contains(" ") ? n.substring(0, n.indexOf(' ')) : n);
    }
}
