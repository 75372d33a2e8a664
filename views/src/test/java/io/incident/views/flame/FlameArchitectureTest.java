package io.incident.views.flame;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class FlameArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.incident.views");

    @Test
    void theFlameCoreStaysFreeOfJavaFx() {
        noClasses().that().resideInAPackage("io.incident.views.flame")
                .and().haveNameNotMatching(".*\\.(FlameGraphView|FlameGraphSkin|FlameCanvas)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the HTML report and headless exports reuse the tree, layout, diff and export code")
                .check(CLASSES);
    }

    @Test
    void viewsNeverDependOnTheApp() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.incident.app..")
                .because("views are reusable controls; the app embeds them, not the other way round")
                .check(CLASSES);
    }
}
