/**
 * The {@code proxima} command: {@code train}, {@code eval}, {@code bench} and {@code quickstart}
 * (picocli). {@link dev.proxima.cli.Runs} owns the run-folder layout, checkpoints and resumption.
 */
package dev.proxima.cli;
