/**
 * Course exercises on linear models: linear, logistic and softmax regression.
 */
package org.keras4j.examples.linear;
