/**
 * The one place that imports DL4J configuration classes: translation of a keras4j model into a DL4J network, with one mapper per family (activations, initializers, losses, updaters, regularizers, constraints). Not API: may change without notice.
 */
package org.keras4j.internal.dl4j;
