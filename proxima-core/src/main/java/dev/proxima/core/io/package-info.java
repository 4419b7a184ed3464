/**
 * Persistence: safetensors checkpoints, strict deterministic JSON, atomic file writes and the
 * {@link dev.proxima.core.io.StateDict} / {@link dev.proxima.core.io.Stateful} pair that makes runs
 * resumable bit for bit.
 */
package dev.proxima.core.io;
