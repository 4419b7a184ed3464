/**
 * Preference data in files: JSON Lines in the two shapes most preference datasets use, paired
 * {@code {"prompt", "chosen", "rejected"}} and unpaired {@code {"prompt", "completion", "label"}},
 * with text fields, and their conversion to token arrays through a {@link
 * dev.proxima.prefs.data.Tokenizer}.
 *
 * <p>Start with {@link dev.proxima.prefs.data.PreferenceJsonl} (reading and writing) and
 * {@link dev.proxima.prefs.data.CharacterTokenizer}.
 */
package dev.proxima.prefs.data;
