package io.peerclaw.desktop;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.Test;

/** The program reaches the node only through its public API. */
class ArchitectureTest {
    static final JavaClasses MAIN =
            new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.peerclaw.desktop");

    @Test
    void usesOnlyTheNodesPublicApi() {
        noClasses()
                .should()
                .dependOnClassesThat(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(
                                        "io.peerclaw.node..")
                                .and(
                                        com.tngtech.archunit.base.DescribedPredicate.not(
                                                com.tngtech.archunit.core.domain.JavaClass
                                                        .Predicates.resideInAPackage(
                                                        "io.peerclaw.node.api.."))))
                .because("the desktop program manages a node the way any client does")
                .check(MAIN);
    }

    @Test
    void headlessModeNeverTouchesADesktopToolkit() {
        noClasses()
                .that()
                .haveSimpleName("Main")
                .or()
                .haveSimpleName("HeadlessLauncher")
                .or()
                .haveSimpleName("CommandLine")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..", "java.awt..", "javax.swing..")
                .because("--server must run on machines without a display")
                .check(MAIN);
    }

    @Test
    void onlyMarkedClassesUseTheTerminal() {
        noClasses()
                .that()
                .areNotAnnotatedWith(AllowedToUseStandardStreams.class)
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .check(MAIN);
    }

    @Test
    void viewsDoNotTalkHttp() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("View")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..")
                .orShould()
                .dependOnClassesThat()
                .haveSimpleName("HttpNodeClient")
                .because("views bind to view models; only the client speaks HTTP")
                .check(MAIN);
    }

    @Test
    void viewModelsAreToolkitFree() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("ViewModel")
                .or()
                .haveSimpleName("ViewModel")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx.scene..", "javafx.application..", "javafx.stage..")
                .because(
                        "view models are plain Java (javafx.beans and collections only), tested"
                                + " without a toolkit")
                .check(MAIN);
    }

    @Test
    void theServerPathNeverLoadsJavaFx() {
        noClasses()
                .that()
                .haveSimpleName("Main")
                .or()
                .haveSimpleName("HeadlessLauncher")
                .or()
                .haveSimpleName("CommandLine")
                .or()
                .haveSimpleName("DesktopConsole")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("javafx..")
                .because("--server and the no-display check run before any toolkit class loads")
                .check(MAIN);
    }

    @Test
    void onlyTheClientPackageSpeaksHttp() {
        noClasses()
                .that()
                .resideOutsideOfPackages(
                        "io.peerclaw.desktop.client..",
                        "io.peerclaw.desktop.demo..",
                        "io.peerclaw.desktop.training..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("java.net.http..")
                .because(
                        "the console reaches the node only through NodeClient; the demo agent"
                                + " registers itself over HTTP as any agent does, and the build's"
                                + " AOT training run calls the node it trains as a client would")
                .check(MAIN);
    }
}
