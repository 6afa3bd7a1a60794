package io.peerclaw.node;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The module's boundaries, as docs/architecture.md draws them. */
class ArchitectureTest {
    static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.peerclaw.node");
    static final JavaClasses TESTS =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS)
                    .importPackages("io.peerclaw.node");

    static final String[] FOUNDATIONS = {
        "..node.http..", "..node.storage..", "..node.config..", "..node.audit..", "..node.net.."
    };
    static final String[] FEATURES = {
        "..node.registry..",
        "..node.identity..",
        "..node.health..",
        "..node.accounts..",
        "..node.directory..",
        "..node.provider..",
        "..node.reviews..",
        "..node.admin..",
        "..node.reputation..",
        "..node.verification..",
        "..node.uptime..",
        "..node.gateway.."
    };

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("io.peerclaw.node.(*)..")
                .should()
                .beFreeOfCycles()
                .because(
                        "each capability is a folder others use through its public entry, never in"
                                + " a circle")
                .check(MAIN);
    }

    @Test
    void foundationsDependOnNoFeature() {
        noClasses()
                .that()
                .resideInAnyPackage(FOUNDATIONS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(FEATURES)
                .because("http, storage, config, audit and net are what features stand on")
                .check(MAIN);
    }

    @Test
    void onlyTheApiUsesTheCompositionRoot() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..node.boot..", "..node.api..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..node.boot..")
                .because("NodeWiring is the one composition root, reached through NodeServer")
                .check(MAIN);
    }

    @Test
    void sqlStaysInStoresAndStorage() {
        noClasses()
                .that(
                        not(resideInAPackage("..node.storage.."))
                                .and(not(simpleNameEndingWith("Store"))))
                .should()
                .dependOnClassesThat(resideInAnyPackage("java.sql..", "javax.sql.."))
                .because("all of a feature's SQL lives in its package-private *Store")
                .check(MAIN);
    }

    @Test
    void theWebFrameworkStaysAtTheEdges() {
        noClasses()
                .that(
                        not(resideInAnyPackage("..node.http..", "..node.boot..", "..node.api.."))
                                .and(not(simpleNameEndingWith("HttpService")))
                                .and(not(simpleNameEndingWith("Feature"))))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.helidon.webserver..")
                .because("use cases must be testable without a server")
                .check(MAIN);
    }

    @Test
    void jacksonIsUsedOnlyWhereJsonIsTheJob() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..node.http..", "..node.config..", "..node.gateway..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.fasterxml.jackson..")
                .because(
                        "JSON mapping is configured once in shared.json; features use Json, except"
                                + " the protocol gateway, whose job is translating JSON documents")
                .check(MAIN);
    }

    @Test
    void theGatewayCoreAnswersInNoProtocol() {
        noClasses()
                .that()
                .resideInAPackage("io.peerclaw.node.gateway")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.peerclaw.node.http.ApiException")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.peerclaw.node.http.ErrorCode")
                .because(
                        "admission and calls are refused as sealed results (Refused); each front"
                                + " door says them in its own protocol, in one place")
                .check(MAIN);
    }

    @Test
    void onlyTheConfigurationPackageReadsTheEnvironment() {
        noClasses()
                .that()
                .resideOutsideOfPackages("..node.config..", "..node.api..")
                .should()
                .callMethod(System.class, "getenv")
                .orShould()
                .callMethod(System.class, "getenv", String.class)
                .because("configuration is read once into records")
                .check(MAIN);
    }

    @Test
    void noStandardStreamsOrLegacyTimeTypes() {
        GeneralCodingRules.NO_CLASSES_SHOULD_ACCESS_STANDARD_STREAMS.check(MAIN);
        GeneralCodingRules.NO_CLASSES_SHOULD_THROW_GENERIC_EXCEPTIONS.check(MAIN);
        noClasses()
                .that(not(simpleNameEndingWith("Store")))
                .and()
                .doNotHaveFullyQualifiedName("io.peerclaw.node.accounts.AccessTokens")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Date")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.sql.Timestamp")
                .because("time is java.time.Instant everywhere")
                .check(MAIN);
    }

    @Test
    void onlyAccessTokensSpeakJwt() {
        noClasses()
                .that()
                .doNotHaveFullyQualifiedName("io.peerclaw.node.accounts.AccessTokens")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.jsonwebtoken..")
                .because("one class issues and checks tokens; the rest sees Caller.User")
                .check(MAIN);
    }

    @Test
    void outboundHttpGoesThroughTheCheckedClient() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..node.net..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.hc..", "java.net.http..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.net.HttpURLConnection")
                .because(
                        "URLs others supply are fetched by net.OutboundHttp, whose address checks a"
                                + " second client would bypass")
                .check(MAIN);
    }

    @Test
    void loggingGoesThroughSystemLogger() {
        noClasses()
                .that()
                .resideOutsideOfPackage("..node.boot..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.util.logging..", "org.slf4j..")
                .because("System.Logger is the one logging API; boot configures where it goes")
                .check(MAIN);
    }

    @Test
    void testsUseOneAssertionLibrary() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.hamcrest..", "com.google.common.truth..")
                .because("AssertJ keeps assertions uniform")
                .check(TESTS);
    }
}
