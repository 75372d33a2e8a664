package io.incident.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The module boundaries, checked on the compiled classes of all three modules. */
class ArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incident");

    @Test
    void parsersStayPureJava() {
        noClasses().that().resideInAnyPackage("io.incident.model..", "io.incident.parsers..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "io.incident.views..", "io.incident.app..")
                .because("readers run headless in the CLI and CI, and views and the app build on them, not the reverse")
                .check(CLASSES);
    }

    @Test
    void viewsDoNotKnowTheApp() {
        noClasses().that().resideInAPackage("io.incident.views..")
                .should().dependOnClassesThat().resideInAPackage("io.incident.app..")
                .because("views are reusable controls over the model; the app composes them")
                .check(CLASSES);
    }

    @Test
    void onlyTheUiPartOfTheAppUsesJavaFx() {
        noClasses().that().resideInAnyPackage("io.incident.app.store..", "io.incident.app.ingest..",
                        "io.incident.app.cli..", "io.incident.app.session..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .because("the case store, import pipeline and command line run headless")
                .check(CLASSES);
    }
}
