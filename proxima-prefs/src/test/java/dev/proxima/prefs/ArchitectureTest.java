package dev.proxima.prefs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The design's library rules on this module: only core is used, and randomness comes from a
 * seeded {@code Rng} passed in, never from global generators, the clock or the console.
 */
class ArchitectureTest {
    static JavaClasses prefs;

    @BeforeAll
    static void importClasses() {
        prefs = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.proxima.prefs");
    }

    @Test
    void dependsOnCoreOnly() {
        noClasses().that().resideInAPackage("dev.proxima.prefs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.proxima.envs..", "dev.proxima.rl..",
                        "dev.proxima.games..", "dev.proxima.bandits..", "dev.proxima.serve..", "dev.proxima.cli..")
                .check(prefs);
    }

    @Test
    void noGlobalRandomnessClockOrConsole() {
        noClasses().that().resideInAPackage("dev.proxima.prefs..")
                .should().callMethod(Math.class, "random")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .orShould().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(prefs);
    }
}
