/**
 * Argument guards whose errors name the field, the value and what is allowed.
 */
package dev.proxima.core.util;
