/**
 * Text for language models, with Keras's conventions (padding index 0, out-of-vocabulary index 1): character- and
 * word-level {@link org.keras4j.datasets.text.Vocabulary} (encode, decode, save, load), a
 * {@link org.keras4j.datasets.text.TextVectorization} like Keras's layer, and
 * {@link org.keras4j.datasets.text.TextSequences}, {@code (sequence, next token)} batches streamed from a text file.
 *
 * <pre>{@code
 * Vocabulary chars = Vocabulary.characters(TinyShakespeare.excerpt());
 * int[] ids = chars.encode("To be");
 * }</pre>
 */
package org.keras4j.datasets.text;
