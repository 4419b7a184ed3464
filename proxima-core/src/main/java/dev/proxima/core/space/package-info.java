/**
 * Observation and action spaces that validate and sample: {@link dev.proxima.core.space.Discrete} and
 * {@link dev.proxima.core.space.Box}.
 */
package dev.proxima.core.space;
