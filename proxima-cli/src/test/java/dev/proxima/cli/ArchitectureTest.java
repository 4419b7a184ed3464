package dev.proxima.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dependency rules of the design, checked on the compiled classes: core ← envs ← algorithms
 * ← cli, algorithm modules independent of each other and of concrete envs, and library code free
 * of global randomness, wall-clock reads and console output.
 */
class ArchitectureTest {
    static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        all = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.proxima");
    }

    private static final String[] LIBRARY = {"dev.proxima.core..", "dev.proxima.envs..", "dev.proxima.rl..",
            "dev.proxima.games..", "dev.proxima.bandits.."};

    @Test
    void coreDependsOnNoOtherModule() {
        noClasses().that().resideInAPackage("dev.proxima.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.proxima.envs..", "dev.proxima.rl..",
                        "dev.proxima.games..", "dev.proxima.bandits..", "dev.proxima.cli..", "dev.proxima.bench..")
                .check(all);
    }

    @Test
    void envsDependOnlyOnCore() {
        noClasses().that().resideInAPackage("dev.proxima.envs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.proxima.rl..", "dev.proxima.games..",
                        "dev.proxima.cli..")
                .check(all);
    }

    @Test
    void algorithmsNeverNameAConcreteEnvOrTheCommandLine() {
        noClasses().that().resideInAPackage("dev.proxima.rl..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.proxima.envs..", "dev.proxima.games..",
                        "dev.proxima.bandits..", "dev.proxima.cli..")
                .check(all);
        noClasses().that().resideInAPackage("dev.proxima.games..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.proxima.envs..", "dev.proxima.rl..",
                        "dev.proxima.bandits..", "dev.proxima.cli..")
                .check(all);
        noClasses().that().resideInAPackage("dev.proxima.bandits..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.proxima.envs..", "dev.proxima.rl..",
                        "dev.proxima.games..", "dev.proxima.cli..")
                .check(all);
    }

    @Test
    void algorithmPackagesAreIndependentOfEachOther() {
        noClasses().that().resideInAPackage("dev.proxima.rl.ppo..")
                .should().dependOnClassesThat().resideInAPackage("dev.proxima.rl.mdpo..").check(all);
        noClasses().that().resideInAPackage("dev.proxima.rl.mdpo..")
                .should().dependOnClassesThat().resideInAPackage("dev.proxima.rl.ppo..").check(all);
    }

    @Test
    void libraryCodeHasNoGlobalRandomnessClockOrConsole() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().callMethod(Math.class, "random")
                .orShould().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(all);
    }

    @Test
    void everyRandomComponentUsesTheSeededGenerator() {
        noClasses().that().resideInAnyPackage(LIBRARY)
                .should().callMethod(java.util.concurrent.ThreadLocalRandom.class, "current")
                .orShould().callMethodWhere(com.tngtech.archunit.base.DescribedPredicate.describe(
                        "RandomGeneratorFactory or RandomGenerator.getDefault",
                        call -> call.getTargetOwner().getName().startsWith("java.util.random.")))
                .check(all);
    }
}
