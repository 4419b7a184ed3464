/** Small dense linear algebra in double precision for the linear learners. */
package dev.proxima.core.math;
