package dev.proxima.core.optim;

import dev.proxima.core.io.StateDict;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.core.util.Checks;
import java.util.List;

/** Gradient transforms and the usual optimizers built from them. */
public final class Optimizers {
    private Optimizers() {}

    /** Runs stages in order, as one stage (optax's {@code chain}). */
    public static GradientTransform chain(GradientTransform... stages) {
        GradientTransform[] fixed = stages.clone();
        return new GradientTransform() {
            @Override
            public State init(List<Tensor> params) {
                State[] states = new State[fixed.length];
                for (int i = 0; i < fixed.length; i++) {
                    states[i] = fixed[i].init(params);
                }
                return new ChainState(states);
            }

            @Override
            public void update(State state, List<Tensor> params, float[][] updates, long step) {
                State[] states = ((ChainState) state).states;
                for (int i = 0; i < fixed.length; i++) {
                    fixed[i].update(states[i], params, updates, step);
                }
            }
        };
    }

    private record ChainState(GradientTransform.State[] states) implements GradientTransform.State {
        @Override
        public void save(StateDict out, String prefix) {
            for (int i = 0; i < states.length; i++) states[i].save(out, prefix + "." + i);
        }

        @Override
        public void load(StateDict in, String prefix) {
            for (int i = 0; i < states.length; i++) states[i].load(in, prefix + "." + i);
        }
    }

    /**
     * Scales all updates together so their global L2 norm is at most {@code maxNorm}; the factor
     * is {@code maxNorm / (norm + 1e-6)} when the norm exceeds it (PyTorch's
     * {@code clip_grad_norm_}, which the PPO reference implementations use).
     */
    public static GradientTransform clipByGlobalNorm(double maxNorm) {
        Checks.positive(maxNorm, "maxGradNorm");
        return new Stateless() {
            @Override
            public void update(State state, List<Tensor> params, float[][] updates, long step) {
                double sq = 0;
                for (float[] u : updates) {
                    for (float v : u) sq += (double) v * v;
                }
                double norm = Math.sqrt(sq);
                if (norm > maxNorm) {
                    float f = (float) (maxNorm / (norm + 1e-6));
                    for (float[] u : updates) {
                        for (int i = 0; i < u.length; i++) u[i] *= f;
                    }
                }
            }
        };
    }

    /**
     * Adam's direction (Kingma and Ba 2015) with bias correction:
     * {@code m̂/(√v̂ + ε)}, ε added outside the square root as PyTorch and optax do.
     */
    public static GradientTransform scaleByAdam(double beta1, double beta2, double eps) {
        Checks.inClosed(beta1, 0, 1, "beta1");
        Checks.inClosed(beta2, 0, 1, "beta2");
        Checks.positive(eps, "adamEpsilon");
        return new GradientTransform() {
            @Override
            public State init(List<Tensor> params) {
                return new Moments(params, 2);
            }

            @Override
            public void update(State state, List<Tensor> params, float[][] updates, long step) {
                Moments s = (Moments) state;
                long t = step + 1;
                double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
                float b1 = (float) beta1, b2 = (float) beta2;
                float c1 = (float) (1 / bc1), c2 = (float) (1 / Math.sqrt(bc2)), e = (float) eps;
                for (int p = 0; p < updates.length; p++) {
                    float[] u = updates[p], m = s.arrays[0][p], v = s.arrays[1][p];
                    for (int i = 0; i < u.length; i++) {
                        float g = u[i];
                        m[i] = b1 * m[i] + (1 - b1) * g;
                        v[i] = b2 * v[i] + (1 - b2) * g * g;
                        u[i] = (m[i] * c1) / ((float) Math.sqrt(v[i]) * c2 + e);
                    }
                }
            }
        };
    }

    /** Heavy-ball momentum {@code u ← g + μ·u_prev} (PyTorch SGD's form). */
    public static GradientTransform trace(double momentum) {
        Checks.inClosed(momentum, 0, 1, "momentum");
        return new GradientTransform() {
            @Override
            public State init(List<Tensor> params) {
                return new Moments(params, 1);
            }

            @Override
            public void update(State state, List<Tensor> params, float[][] updates, long step) {
                float mu = (float) momentum;
                float[][] buf = ((Moments) state).arrays[0];
                for (int p = 0; p < updates.length; p++) {
                    float[] u = updates[p], b = buf[p];
                    for (int i = 0; i < u.length; i++) {
                        b[i] = step == 0 ? u[i] : mu * b[i] + u[i];
                        u[i] = b[i];
                    }
                }
            }
        };
    }

    /** Adds {@code weightDecay·θ} to the update (decoupled weight decay, Loshchilov and Hutter 2019). */
    public static GradientTransform addDecayedWeights(double weightDecay) {
        Checks.nonNegative(weightDecay, "weightDecay");
        return new Stateless() {
            @Override
            public void update(State state, List<Tensor> params, float[][] updates, long step) {
                float wd = (float) weightDecay;
                for (int p = 0; p < updates.length; p++) {
                    float[] u = updates[p], theta = params.get(p).data;
                    for (int i = 0; i < u.length; i++) u[i] += wd * theta[i];
                }
            }
        };
    }

    /** Multiplies updates by {@code −learningRate(step)}, turning them into increments. */
    public static GradientTransform scaleByLearningRate(Schedule learningRate) {
        return new Stateless() {
            @Override
            public void update(State state, List<Tensor> params, float[][] updates, long step) {
                float f = (float) -learningRate.value(step);
                for (float[] u : updates) {
                    for (int i = 0; i < u.length; i++) u[i] *= f;
                }
            }
        };
    }

    /** Adam with PyTorch's defaults for β and the given ε. */
    public static Optimizer adam(List<Tensor> params, Schedule learningRate, double eps) {
        return new Optimizer(params, scaleByAdam(0.9, 0.999, eps), scaleByLearningRate(learningRate));
    }

    /** AdamW: Adam plus decoupled weight decay scaled by the learning rate. */
    public static Optimizer adamW(List<Tensor> params, Schedule learningRate, double eps, double weightDecay) {
        return new Optimizer(params, scaleByAdam(0.9, 0.999, eps), addDecayedWeights(weightDecay),
                scaleByLearningRate(learningRate));
    }

    /** Stochastic gradient descent with optional momentum. */
    public static Optimizer sgd(List<Tensor> params, Schedule learningRate, double momentum) {
        return momentum == 0 ? new Optimizer(params, scaleByLearningRate(learningRate))
                : new Optimizer(params, trace(momentum), scaleByLearningRate(learningRate));
    }

    private abstract static class Stateless implements GradientTransform {
        @Override
        public State init(List<Tensor> params) {
            return State.NONE;
        }
    }

    /** k float arrays shaped like the parameters. */
    private static final class Moments implements GradientTransform.State {
        final float[][][] arrays;

        Moments(List<Tensor> params, int k) {
            arrays = new float[k][params.size()][];
            for (int j = 0; j < k; j++) {
                for (int p = 0; p < params.size(); p++) {
                    arrays[j][p] = new float[params.get(p).size()];
                }
            }
        }

        @Override
        public void save(StateDict out, String prefix) {
            for (int j = 0; j < arrays.length; j++) {
                for (int p = 0; p < arrays[j].length; p++) out.putFloats(prefix + ".m" + j + "." + p, arrays[j][p]);
            }
        }

        @Override
        public void load(StateDict in, String prefix) {
            for (int j = 0; j < arrays.length; j++) {
                for (int p = 0; p < arrays[j].length; p++) in.copyFloatsInto(prefix + ".m" + j + "." + p, arrays[j][p]);
            }
        }
    }
}
