/**
 * The model zoo: ready architectures built from keras4j's public API, as a user would write them, each returning an
 * uncompiled {@code Sequential} or {@code Functional} (Keras's {@code keras.applications} convention). The course's
 * networks ({@link org.keras4j.models.zoo.CourseMlp}, {@link org.keras4j.models.zoo.CourseCnn},
 * {@link org.keras4j.models.zoo.LeNet}), residual networks ({@link org.keras4j.models.zoo.ResNet} 18 and 34 as
 * torchvision's with {@link org.keras4j.models.zoo.ApplicationOptions}, {@link org.keras4j.models.zoo.SmallResNet} for
 * 28 x 28 images, Keras's guide {@link org.keras4j.models.zoo.ToyResNet}). No pretrained weights ship: {@code weights}
 * takes a keras4j file on disk.
 *
 * <pre>{@code
 * Functional base = ResNet.resnet18(ApplicationOptions.defaults().includeTop(false).pooling("avg"));
 * Sequential cnn = CourseCnn.build(true);
 * cnn.compile("adam", "sparse_categorical_crossentropy", "accuracy");
 * }</pre>
 */
package org.keras4j.models.zoo;
