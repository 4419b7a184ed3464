/**
 * Seeded, splittable random streams with saveable state; every random component in Proxima takes
 * one explicitly.
 */
package dev.proxima.core.random;
