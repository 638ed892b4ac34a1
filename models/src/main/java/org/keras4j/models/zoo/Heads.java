package org.keras4j.models.zoo;

import org.keras4j.KerasTensor;
import org.keras4j.layers.core.Dense;
import org.keras4j.layers.pooling.GlobalAveragePooling2D;
import org.keras4j.layers.pooling.GlobalMaxPooling2D;

/**
 * The end of a {@code keras.applications} model, from {@link ApplicationOptions}: with the top, global average
 * pooling ({@code avg_pool}) and {@code Dense(classes, classifierActivation)} ({@code predictions}); without it, the
 * feature map as it is, or pooled globally ({@code avg_pool} / {@code max_pool}).
 */
final class Heads {
    private Heads() {
    }

    static KerasTensor top(KerasTensor features, ApplicationOptions options) {
        if (options.includeTop()) {
            KerasTensor x = new GlobalAveragePooling2D().withName("avg_pool").apply(features);
            return new Dense(options.classes(), options.classifierActivation()).withName("predictions").apply(x);
        }
        if ("avg".equals(options.pooling())) {
            return new GlobalAveragePooling2D().withName("avg_pool").apply(features);
        }
        if ("max".equals(options.pooling())) {
            return new GlobalMaxPooling2D().withName("max_pool").apply(features);
        }
        return features;
    }
}
