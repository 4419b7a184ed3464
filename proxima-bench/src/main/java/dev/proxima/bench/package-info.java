/**
 * JMH benchmarks of the engine: matmul throughput and one actor-critic update. Build with
 * {@code ./mvnw -DskipTests package -pl proxima-bench -am} and run
 * {@code java --add-modules jdk.incubator.vector -jar proxima-bench/target/benchmarks.jar}.
 */
package dev.proxima.bench;
