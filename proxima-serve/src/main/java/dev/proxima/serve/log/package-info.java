/**
 * The durable event log of the decision service: {@link dev.proxima.serve.log.EventLog} appends
 * CRC-framed records to segment files with group-commit fsync, recovers from torn writes, replays
 * committed records by offset, and keeps CRC-checked snapshots. Offsets are record sequence
 * numbers (0, 1, 2, ...). Payloads are opaque bytes; the service stores JSON in them.
 */
package dev.proxima.serve.log;
