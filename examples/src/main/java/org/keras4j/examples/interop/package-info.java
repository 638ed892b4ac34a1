/** Exercises with models trained in Python Keras: load, inspect, evaluate, fine-tune, save for Keras again. */
package org.keras4j.examples.interop;
