/**
 * Per-sample losses shared by sequence and tabular policies, written on log-probabilities so that
 * any model that can score a response uses them: the DPO and IPO pair losses, the k1/k2/k3 KL
 * estimators and the Nash-MD policy-gradient loss. Each returns the value and its derivative with
 * respect to the log-probabilities it is given.
 */
package dev.proxima.prefs.loss;
