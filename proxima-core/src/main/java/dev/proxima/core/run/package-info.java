/**
 * Run folders and their files: manifest, metrics CSV, git revision detection.
 */
package dev.proxima.core.run;
