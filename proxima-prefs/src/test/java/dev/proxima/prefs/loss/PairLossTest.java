package dev.proxima.prefs.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Golden A9 and the DPO identities of spec §1.2(c). */
class PairLossTest {
    @Test
    void goldenA9() {
        double h = PairLoss.margin(-3.0, -3.5, -4.0, -3.2);
        assertEquals(1.3, h, 1e-12);
        assertEquals(0.630258, PairLoss.dpo(h, 0.1), 1e-6);
        assertEquals(13.69, PairLoss.ipo(h, 0.1), 1e-12);
    }

    @Test
    void dpoIsLogisticLossOfImplicitRewardMargin() {
        double[][] cases = {{-3.0, -3.5, -4.0, -3.2}, {-0.1, -7, -12, -0.3}, {-40, -1, -2, -60}};
        for (double[] c : cases) {
            for (double beta : new double[] {0.01, 0.1, 1, 5}) {
                double h = PairLoss.margin(c[0], c[1], c[2], c[3]);
                double rw = PairLoss.implicitReward(beta, c[0], c[1]), rl = PairLoss.implicitReward(beta, c[2], c[3]);
                double direct = -Math.log(PairLoss.sigmoid(rw - rl));
                assertEquals(direct, PairLoss.dpo(h, beta), 1e-12);
            }
        }
    }

    @Test
    void dpoIsLn2WhenPolicyEqualsReference() {
        assertEquals(Math.log(2), PairLoss.dpo(PairLoss.margin(-2, -2, -5, -5), 0.1), 1e-15);
    }

    @Test
    void derivativesMatchCentralDifferences() {
        double eps = 1e-5;
        for (double h : new double[] {-3, -0.2, 1.3, 7}) {
            double fdD = (PairLoss.dpo(h + eps, 0.1) - PairLoss.dpo(h - eps, 0.1)) / (2 * eps);
            double fdI = (PairLoss.ipo(h + eps, 0.1) - PairLoss.ipo(h - eps, 0.1)) / (2 * eps);
            assertEquals(fdD, PairLoss.dpoDerivative(h, 0.1), 1e-4 * Math.abs(fdD) + 1e-8);
            assertEquals(fdI, PairLoss.ipoDerivative(h, 0.1), 1e-4 * Math.abs(fdI) + 1e-8);
        }
    }

    @Test
    void largeMarginsDoNotOverflow() {
        assertEquals(0, PairLoss.dpo(1e6, 0.1), 1e-300);
        assertEquals(1e5, PairLoss.dpo(-1e6, 0.1), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> PairLoss.dpo(1, 0));
    }
}
