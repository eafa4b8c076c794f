package io.mxray.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering STYLE.md asks for, enforced: core's packages form no cycles (ports and shared value
 * types live with the abstractions their consumers depend on), and core knows nothing of its faces.
 */
class ArchitectureTest {

  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.mxray.core");
  }

  @Test
  void corePackagesFormNoCycles() {
    slices().matching("io.mxray.core.(*)..").should().beFreeOfCycles().check(core);
  }

  @Test
  void coreNeverDependsOnItsFaces() {
    noClasses()
        .that()
        .resideInAPackage("io.mxray.core..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("io.mxray.cli..", "io.mxray.web..", "io.mxray.reports..", "io.vertx..")
        .check(core);
  }

  @Test
  void coreNeverPrints() {
    noClasses()
        .that()
        .resideInAPackage("io.mxray.core..")
        .should()
        .accessField(System.class, "out")
        .orShould()
        .accessField(System.class, "err")
        .check(core);
  }
}
