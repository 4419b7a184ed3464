package dev.proxima.prefs;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.nn.TinyTransformer;
import dev.proxima.core.nn.TokenSampling;
import dev.proxima.core.random.Rng;
import dev.proxima.envs.text.Addition;
import dev.proxima.envs.text.BradleyTerryPreferences;
import dev.proxima.prefs.data.Comparison;
import dev.proxima.prefs.dpo.Dpo;
import dev.proxima.prefs.dpo.OnlineDpo;
import dev.proxima.prefs.grpo.Grpo;
import dev.proxima.prefs.loss.KlEstimators;
import dev.proxima.prefs.policy.SequenceBatch;
import dev.proxima.prefs.policy.TransformerPolicy;
import dev.proxima.prefs.rl.Aggregation;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The bad inputs of the preference and verifiable-reward methods, each refused with a message naming what is wrong. */
class BadInputTest {
    private static void refused(Executable e, String... words) {
        String message = assertThrows(IllegalArgumentException.class, e).getMessage();
        for (String w : words) assertTrue(message.contains(w), "'" + w + "' missing from: " + message);
    }

    private static TransformerPolicy policy(int vocabulary) {
        return new TransformerPolicy(new TinyTransformer(TinyTransformer.Config.tiny(vocabulary, 40), Rng.of(1)));
    }

    @Test
    void aResponseLongerThanTheContextIsRefused() {
        refused(() -> SequenceBatch.of(List.of(new int[] {2, 3}), List.of(new int[39]), 40), "sequence 0", "context of 40");
        refused(() -> policy(29).generate(List.of(new int[30]), 12, TokenSampling.standard(), Rng.of(1)), "maxNewTokens 12",
                "context of 40");
    }

    @Test
    void policyAndReferenceVocabulariesMustAgree() {
        refused(() -> new Grpo.Learner(Grpo.Config.defaults(), policy(29), policy(32), Addition.twoDigits(), 1), "reference vocabulary 32",
                "29");
        refused(() -> new Dpo.Learner(Dpo.Config.defaults(), policy(29), policy(30),
                List.of(new Comparison(new int[] {2}, new int[] {3}, new int[] {4})), 1), "reference vocabulary 30");
        refused(() -> new OnlineDpo.Learner(OnlineDpo.Config.defaults(), policy(29), policy(31), BradleyTerryPreferences.standard(), 1),
                "reference vocabulary 31");
        refused(() -> new Grpo.Learner(Grpo.Config.defaults(), policy(12), policy(12), Addition.twoDigits(), 1), "task's vocabulary (29");
    }

    @Test
    void betaMustBePositive() {
        refused(() -> Dpo.Config.defaults().withBeta(0), "beta", "0.0", "> 0");
        refused(() -> Dpo.Config.defaults().withBeta(-0.5), "beta", "-0.5");
    }

    @Test
    void groupMethodsNeedGroupsOfTwo() {
        refused(() -> new Grpo.Config(16, 1, 0.2, 0.2, 0, KlEstimators.Kind.K3, 1, 1, true, Aggregation.TOKEN_MEAN, 3e-4, 1),
                "groupSize", ">= 2", "was 1");
        refused(() -> dev.proxima.prefs.rloo.Rloo.Config.defaults().withSamples(1), "samples", ">= 2");
    }
}
