package dev.proxima.envs.bandit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.proxima.core.random.Rng;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The weka data sets, read from where the Debian package installs them (the test script installs weka). */
class DatasetsTest {
    @Test
    void knownSizesAndClasses() {
        Datasets.Dataset iris = Datasets.load("iris");
        assertEquals(150, iris.size());
        assertEquals(5, iris.numFeatures()); // 4 standardised + bias
        assertEquals(3, iris.classes().size());
        Datasets.Dataset glass = Datasets.load("glass");
        assertEquals(214, glass.size());
        assertEquals(7, glass.classes().size()); // one declared class has no examples
        Datasets.Dataset segment = Datasets.load("segment");
        assertEquals(2310, segment.size());
        assertEquals(7, segment.classes().size());
        Datasets.Dataset soybean = Datasets.load("soybean");
        assertEquals(683, soybean.size());
        assertEquals(19, soybean.classes().size());
    }

    @Test
    void numericFeaturesAreStandardised() {
        Datasets.Dataset iris = Datasets.load("iris");
        for (int j = 0; j < 4; j++) {
            double s = 0, s2 = 0;
            for (double[] x : iris.features()) {
                s += x[j];
                s2 += x[j] * x[j];
            }
            assertEquals(0, s / 150, 1e-12);
            assertEquals(1, s2 / 150, 1e-12);
        }
    }

    @Test
    void banditRewardsTheTrueClass() {
        ClassificationBandit b = new ClassificationBandit(Datasets.load("iris"));
        Rng rng = Rng.of(1);
        var x = b.nextContext(rng);
        int right = 0;
        for (int a = 0; a < 3; a++) right += (int) b.expectedReward(x, a);
        assertEquals(1, right);
    }

    @Test
    void missingPackageAndUnknownNamesGiveClearErrors(@TempDir Path empty) throws Exception {
        var unknown = assertThrows(IllegalArgumentException.class, () -> Datasets.load("mnist"));
        assertTrue(unknown.getMessage().contains("allowed: iris"), unknown.getMessage());
        System.setProperty("proxima.weka.dir", empty.toString());
        try {
            var missing = assertThrows(IllegalArgumentException.class, () -> Datasets.load("iris"));
            assertTrue(missing.getMessage().contains("apt-get install weka"), missing.getMessage());
            Files.writeString(empty.resolve("iris.arff"), "@relation x\n@attribute a numeric\n@attribute class {p,q}\n@data\n1,r\n");
            var bad = assertThrows(IllegalArgumentException.class, () -> Datasets.load("iris"));
            assertTrue(bad.getMessage().contains("line 5") && bad.getMessage().contains("'r'"), bad.getMessage());
        } finally {
            System.clearProperty("proxima.weka.dir");
        }
    }
}
