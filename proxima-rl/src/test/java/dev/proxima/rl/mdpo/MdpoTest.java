package dev.proxima.rl.mdpo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.dist.Categorical;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Box;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.space.Space;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.rl.common.ActorCritic;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MdpoTest {
    @Test
    void defaultsMatchTheAuthorsCode() {
        Mdpo.Config c = Mdpo.Config.defaults();
        assertEquals(2048, c.numSteps());
        assertEquals(10, c.policySteps());
        assertEquals(3e-4, c.learningRate());
        assertEquals(0.99, c.gamma());
        assertEquals(0.95, c.gaeLambda());
        assertEquals(0.0, c.entCoef());
        assertEquals(0.5, c.maxGradNorm());
        assertEquals(5, c.valueEpochs());
        assertEquals(128, c.valueMinibatchSize());
        assertEquals(0.2, c.valueClip());
        assertEquals(1e-5, c.adamEpsilon());
        assertEquals(Activation.TANH, c.activation());
    }

    @Test
    void stepSizeScheduleStartsAboveOneAndEndsAtTwoOverK() {
        int k = 100;
        assertEquals(1 + 1.0 / k, Mdpo.stepSize(0, k), 1e-15);
        assertEquals(1.0, Mdpo.stepSize(1, k), 1e-15);
        assertEquals(2.0 / k, Mdpo.stepSize(k - 1, k), 1e-15); // KL weight K/2 at the end
        for (int i = 1; i < k; i++) {
            assertFalse(Mdpo.stepSize(i, k) > Mdpo.stepSize(i - 1, k));
        }
    }

    @Test
    void configRejectsBadValuesNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Mdpo.Config(0, 10, 3e-4, 0.99, 0.95, 0, 0.5,
                5, 128, 3e-4, 0.2, 64, 2, Activation.TANH, 1e-5));
        assertEquals("numSteps must be > 0, was 0", e.getMessage());
    }

    /**
     * Spec §1(c): at θ = θ_k the KL term's gradient vanishes, so the proximal loss has the plain
     * ratio policy-gradient gradient whatever the step size: t = 1 and t = 0.01 agree (here
     * exactly, better than the required 1e-12). Away from θ_k they must differ.
     */
    @Test
    void atThetaKTheGradientDoesNotDependOnTheStepSize() {
        for (Space<?> space : new Space<?>[] {new Discrete(3), Box.uniform(-1, 1, 2)}) {
            ActorCritic agent = new ActorCritic(4, space, new int[] {16}, Activation.TANH, Rng.of(3));
            Mdpo.Batch batch = batchAtThetaK(agent, 32, Rng.of(4));
            float[][] g1 = gradients(agent, batch, 1 / 1.0);
            float[][] g2 = gradients(agent, batch, 1 / 0.01);
            for (int p = 0; p < g1.length; p++) {
                for (int i = 0; i < g1[p].length; i++) {
                    assertEquals(g1[p][i], g2[p][i], 1e-12, space + " parameter " + p);
                }
            }
            // Move θ away from θ_k: now the step size must matter.
            agent.actorParameters().get(0).data[0] += 0.5f;
            float[][] h1 = gradients(agent, batch, 1.0), h2 = gradients(agent, batch, 100.0);
            boolean differs = false;
            for (int p = 0; p < h1.length; p++) differs |= !Arrays.equals(h1[p], h2[p]);
            assertEquals(true, differs, "away from θ_k the KL term must contribute");
        }
    }

    private static Mdpo.Batch batchAtThetaK(ActorCritic agent, int n, Rng rng) {
        Graph g = new Graph();
        Tensor obs = Tensor.of(n, 4, randoms(rng, n * 4));
        Tensor out = agent.actorOutput(g, obs);
        float[] oldOut = out.data.clone();
        int[] actions = null;
        Tensor cont = null;
        float[] oldLogProbs = new float[n];
        if (agent.isDiscrete()) {
            actions = new int[n];
            for (int i = 0; i < n; i++) {
                actions[i] = Categorical.sample(oldOut, i * 3, 3, rng);
                oldLogProbs[i] = (float) Categorical.logProb(oldOut, i * 3, 3, actions[i]);
            }
        } else {
            cont = Tensor.of(n, 2, randoms(rng, n * 2));
            Graph lg = new Graph();
            Tensor lp = agent.logProb(lg, agent.actorOutput(lg, obs), null, cont);
            oldLogProbs = lp.data.clone();
        }
        Tensor oldLogStd = agent.isDiscrete() ? null : Tensor.of(1, 2, agent.logStd().data.clone());
        return new Mdpo.Batch(obs, actions, cont, Tensor.of(n, 1, oldLogProbs), Tensor.of(n, 1, randoms(rng, n)),
                Tensor.of(n, agent.actionSize(), oldOut), oldLogStd);
    }

    private static float[][] gradients(ActorCritic agent, Mdpo.Batch batch, double klCoefficient) {
        for (Tensor p : agent.actorParameters()) p.zeroGrad();
        Graph g = new Graph();
        g.backward(Mdpo.policyLoss(g, agent, batch, klCoefficient, 0).total());
        return agent.actorParameters().stream().map(p -> p.grad().clone()).toArray(float[][]::new);
    }

    private static float[] randoms(Rng rng, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rng.uniform(-1, 1);
        return x;
    }

    @Test
    void klAssertionsUseTheNewToOldDirection() {
        // KL(new‖old) with new = softmax([2,0]) and old = uniform: Σ p log(2p).
        Graph g = new Graph();
        double p = Math.exp(2) / (Math.exp(2) + 1);
        double expected = p * Math.log(2 * p) + (1 - p) * Math.log(2 * (1 - p));
        assertEquals(expected, Categorical.kl(g, Tensor.of(1, 2, 2f, 0f), Tensor.of(1, 2, 0f, 0f)).item(), 1e-6);
        assertArrayEquals(new float[] {0f}, Categorical.kl(g, Tensor.of(1, 2, 1f, 1f), Tensor.of(1, 2, 0f, 0f)).data, 1e-7f);
    }
}
