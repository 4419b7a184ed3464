package dev.proxima.prefs.tabular;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.prefs.rloo.Rloo;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every Config's defaults equal the cited source, and bad values are named in the error. */
class ConfigDefaultsTest {
    @Test
    void defaultsMatchTheirSources() {
        assertEquals(new NashMd.Config(0.1, 10, true), NashMd.Config.defaults());                      // §2.1
        assertEquals(new NashMp.Config(2, 0.1, NashMp.ProxSolver.EXACT, 1, 2, 1), NashMp.Config.defaults()); // §2.2
        assertEquals(new NashMp.Config(2, 0.1, NashMp.ProxSolver.SAMPLED, 50, 256, 1), NashMp.Config.sampled(0.1, 256));
        assertEquals(new NashMp.Config(2, 0.1, NashMp.ProxSolver.EXACT_GRADIENT, 200, 2, 1), NashMp.Config.exactGradient(0.1));
        assertEquals(Math.sqrt(8 * Math.log(10) / 1000), Spo.Config.hedge(10, 1000).stepSize(), 0);   // §2.14
        assertEquals(8, Spo.Config.hedge(10, 1000).samples());
        assertEquals(new Srpo.Config(0.1, 0.5), Srpo.Config.defaults());                              // §2.17
        assertEquals(new Dpo.Config(0.1), Dpo.Config.defaults());                                     // §1.2
        assertEquals(new Ipo.Config(0.1), Ipo.Config.defaults());                                     // §1.3
        assertEquals(new Xpo.Config(1e-5, 0.1), Xpo.Config.defaults());                               // TRL XPOConfig
        assertEquals(new Selm.Config(0.01, 0.001), Selm.Config.recipe());                             // Zephyr recipe
        assertEquals(new Selm.Config(0.1, 0.5), Selm.Config.toy());
        assertEquals(new Hypo.Config(0.1, 0.01, 2, 0.5), Hypo.Config.defaults());                     // §2.4
        Rloo.Config rloo = Rloo.Config.defaults();                                                     // TRL RLOOConfig
        assertEquals(List.of(2, 0.05, 0.2), List.of(rloo.samples(), rloo.klCoef(), rloo.clip()));
    }

    @Test
    void invalidValuesNameTheField() {
        expect("tau", () -> new NashMd.Config(0, 1, true));
        expect("stepSize", () -> new NashMp.Config(-1, 0.1, NashMp.ProxSolver.EXACT, 1, 2, 1));
        expect("batchSize", () -> NashMp.Config.sampled(0.1, 1));
        expect("samples", () -> new Spo.Config(0.5, 1));
        expect("alpha", () -> new Srpo.Config(0.1, 1.5));
        expect("beta", () -> new Dpo.Config(-0.1));
        expect("tau", () -> new Ipo.Config(0));
        expect("alpha", () -> new Xpo.Config(-1, 0.1));
        expect("alpha", () -> new Selm.Config(0.1, Double.NaN));
        expect("lambda", () -> new Hypo.Config(0.1, -1, 2, 0.5));
        expect("klCoef", () -> Rloo.Config.defaults().withKlCoef(-0.05));
    }

    private static void expect(String field, Executable e) {
        var ex = assertThrows(IllegalArgumentException.class, e);
        assertTrue(ex.getMessage().startsWith(field), "message should name " + field + ": " + ex.getMessage());
    }
}
