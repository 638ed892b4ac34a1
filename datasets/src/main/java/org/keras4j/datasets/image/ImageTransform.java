package org.keras4j.datasets.image;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of an image preprocessing pipeline: takes one image {@code [height, width, channels]} (channels-last,
 * HWC) and returns a new one; the input is never modified. {@link Transforms} makes the standard steps (resize,
 * crops, flip, to-float, normalize) and composes them, as torchvision's {@code transforms.Compose} does.
 *
 * <p>Random steps own a generator seeded at construction, so a pipeline gives the same sequence of results on every
 * run; they are not thread-safe.
 *
 * <pre>{@code
 * ImageTransform train = Transforms.compose(
 *         Transforms.randomCrop(24, 24, 42),
 *         Transforms.randomHorizontalFlip(0.5, 43),
 *         Transforms.toFloat(),
 *         Transforms.normalize(new double[] {0.5}, new double[] {0.5}));
 * INDArray out = train.apply(image);   // image: UBYTE [28, 28, 1] -> FLOAT [24, 24, 1]
 * }</pre>
 */
@FunctionalInterface
public interface ImageTransform {

    /**
     * Transforms one image.
     *
     * @param image {@code [height, width, channels]}
     * @return a new array; the input is unchanged
     * @throws IllegalArgumentException if the image is not rank 3 or does not suit the transform (e.g. smaller than
     *                                  a crop)
     */
    INDArray apply(INDArray image);

    /** This transform, then {@code next}. */
    default ImageTransform andThen(ImageTransform next) {
        return Transforms.compose(this, next);
    }
}
