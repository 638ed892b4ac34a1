/**
 * DL4J updater configurations and gradient updaters that apply Keras optimizers' exact update
 * rules where DL4J's built-in ones differ (plain momentum SGD, RMSprop, Adagrad, Adadelta,
 * Adamax, Nadam), and Keras's decoupled weight decay.
 */
package org.keras4j.internal.dl4j.updaters;
