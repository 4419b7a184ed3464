/**
 * Bandit learners that log honest propensities, off-policy evaluation, last-switch-dependent
 * bandits, online convex optimisation and auxiliary-loss-free load balancing.
 */
package dev.proxima.bandits;
