/**
 * Line plots rendered headless to PNG (learning curves, regret curves).
 */
package dev.proxima.core.plot;
