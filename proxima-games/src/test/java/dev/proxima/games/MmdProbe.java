package dev.proxima.games;

import dev.proxima.envs.games.KuhnPoker;
import dev.proxima.games.eval.PolicyEvaluation;
import dev.proxima.games.mmd.Mmd;
import dev.proxima.games.tree.GameTree;
import org.junit.jupiter.api.Test;

class MmdProbe {
    @Test
    void probe() {
        GameTree t = GameTree.of(new KuhnPoker());
        for (Mmd.Config c : new Mmd.Config[] {Mmd.Config.movingMagnet(), Mmd.Config.annealing()}) {
            Mmd m = new Mmd(t, c);
            for (int i = 1; i <= 10000; i++) {
                m.iterate();
                if (i == 3000 || i == 10000) System.out.println(c + " " + i + " " + PolicyEvaluation.exploitability(t, m.policy()));
            }
        }
    }
}
