/**
 * Image files and image preprocessing on channels-last arrays {@code [height, width, channels]}:
 * {@link org.keras4j.datasets.image.ImageFiles} decodes and writes files with {@code javax.imageio};
 * {@link org.keras4j.datasets.image.Transforms} makes the torchvision-style steps (resize, crops, flip, to-float,
 * normalize) that {@link org.keras4j.datasets.image.ImageTransform#andThen} and
 * {@link org.keras4j.datasets.image.Transforms#compose} chain. {@link org.keras4j.datasets.ImageFolder} runs them on
 * every image it streams.
 *
 * <pre>{@code
 * INDArray x = Transforms.compose(Transforms.resize(32, 32), Transforms.toFloat())
 *         .apply(ImageFiles.read(Path.of("cat.png"), "rgb"));   // FLOAT [32, 32, 3] in [0, 1]
 * }</pre>
 */
package org.keras4j.datasets.image;
