/**
 * Preference methods on tabular softmax policies, where every expectation is exact: Nash-MD,
 * Nash-MP (exact and sampled), SPO self-play, SRPO, DPO and IPO population optima, XPO's
 * exploration bonus, HyPO's KL regulariser, SELM's bonus and RLOO's leave-one-out gradient.
 *
 * <p>Each class is one method: a {@code Config} record whose defaults cite the paper or spec
 * section, the update or loss with its gradient, and the Javadoc equations. The KL-proximal steps
 * call {@link dev.proxima.core.rl.MirrorDescent}. Start with {@link dev.proxima.prefs.tabular.NashMp}.
 */
package dev.proxima.prefs.tabular;
