/**
 * The float32 engine: {@link dev.proxima.core.tensor.Tensor}, the recording and differentiating
 * {@link dev.proxima.core.tensor.Graph}, and the {@link dev.proxima.core.tensor.Kernels} it runs on
 * (Vector API or plain loops, chosen at start-up). Start reading at {@code Graph}.
 */
package dev.proxima.core.tensor;
