/**
 * The real-time bandit decision service: HTTP API, durable event log, joiner, online learner.
 */
package dev.proxima.serve;
