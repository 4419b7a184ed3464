package dev.proxima.rl.ppo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.proxima.core.dist.Categorical;
import dev.proxima.core.nn.Activation;
import dev.proxima.core.random.Rng;
import dev.proxima.core.space.Discrete;
import dev.proxima.core.tensor.Graph;
import dev.proxima.core.tensor.Tensor;
import dev.proxima.rl.common.ActorCritic;
import org.junit.jupiter.api.Test;

class PpoTest {
    @Test
    void defaultsMatchThePaperAndTheClassicControlPresetMatchesTheReference() {
        Ppo.Config d = Ppo.Config.defaults();
        assertEquals(2048, d.numSteps());
        assertEquals(10, d.updateEpochs());
        assertEquals(64, d.minibatchSize(1));
        assertEquals(3e-4, d.learningRate());
        assertEquals(0.99, d.gamma());
        assertEquals(0.95, d.gaeLambda());
        assertEquals(0.2, d.clipCoef());
        Ppo.Config c = Ppo.Config.classicControl();
        assertEquals(512, c.batchSize(4));
        assertEquals(128, c.minibatchSize(4));
        assertEquals(4, c.updateEpochs());
        assertEquals(2.5e-4, c.learningRate());
        assertEquals(0.01, c.entCoef());
        assertEquals(0.5, c.vfCoef());
        assertEquals(0.5, c.maxGradNorm());
    }

    @Test
    void configRejectsBadValuesNamingTheField() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Ppo.Config(128, 4, 4, 2.5e-4, true, 1.5, 0.95,
                0.2, false, true, 0.01, 0.5, 0.5, true, 0, 64, 2, Activation.TANH, 1e-5));
        assertEquals("gamma must be in (0.0, 1.0], was 1.5", e.getMessage());
    }

    /**
     * Worked example with the policy equal to the behaviour policy (ratio 1): the clipped
     * objective is −mean(Â) = −(1 − 3)/2 = 1; with V = 0 everywhere (critic output layer zeroed)
     * and returns (1, 3), unclipped and clipped value errors are (1, 9) vs the old values 0 ± 0.2
     * → (0.64, 7.84); the max is (1, 9), so L_value = ½·mean = 2.5.
     */
    @Test
    void lossEqualsWorkedExampleWhenPolicyUnchanged() {
        ActorCritic agent = new ActorCritic(2, new Discrete(2), new int[] {4}, Activation.TANH, Rng.of(1));
        var critic = agent.criticParameters();
        java.util.Arrays.fill(critic.get(critic.size() - 2).data, 0f);
        java.util.Arrays.fill(critic.get(critic.size() - 1).data, 0f);
        Graph g = new Graph();
        Tensor obs = Tensor.of(2, 2, 0.1f, -0.3f, 0.5f, 0.2f);
        Tensor logits = agent.actorOutput(new Graph(), obs);
        int[] actions = {0, 1};
        float[] oldLogProb = {(float) Categorical.logProb(logits.data, 0, 2, 0), (float) Categorical.logProb(logits.data, 2, 2, 1)};
        Ppo.Minibatch mb = new Ppo.Minibatch(obs, actions, null, Tensor.of(2, 1, oldLogProb), Tensor.of(2, 1, 1f, -3f),
                Tensor.of(2, 1, 1f, 3f), Tensor.of(2, 1, 0f, 0f));
        Ppo.Config c = Ppo.Config.classicControl();
        Ppo.LossTerms terms = Ppo.loss(g, agent, mb, c, c.clipCoef());
        assertEquals(1.0, terms.policyLoss().item(), 1e-6);
        assertEquals(2.5, terms.valueLoss().item(), 1e-6);
        for (float r : terms.ratio().data) assertEquals(1f, r, 1e-6f);
        double entropy = terms.entropy().item();
        assertEquals(1.0 - 0.01 * entropy + 0.5 * 2.5, terms.total().item(), 1e-6);
    }
}
