package io.peerclaw.shared;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** shared is the vocabulary of node and clients: the JDK, and only two confined libraries. */
class ArchitectureTest {
    static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.peerclaw.shared");

    @Test
    void dependsOnTheJdkAndItself() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages(
                        "java..",
                        "io.peerclaw.shared..",
                        "com.fasterxml.jackson..",
                        "org.bouncycastle..")
                .because("frameworks stay at the edges")
                .check(MAIN);
    }

    @Test
    void jacksonOnlyInJson() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..shared.json..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson..")
                .because(
                        "the one configured mapper lives in shared.json; records carry no"
                                + " annotations")
                .check(MAIN);
    }

    @Test
    void bouncyCastleOnlyInCrypto() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..shared.crypto..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.bouncycastle..")
                .because("crypto choices are made in one place")
                .check(MAIN);
    }

    @Test
    void noStandardStreams() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
    }
}
