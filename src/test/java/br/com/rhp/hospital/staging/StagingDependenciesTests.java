package br.com.rhp.hospital.staging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class StagingDependenciesTests {

    @Test
    void stagingDependsOnNoDomainPackageNorOnTheWritePath() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("br.com.rhp.hospital.staging");

        classes()
                .that()
                .resideInAPackage("br.com.rhp.hospital.staging..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "br.com.rhp.hospital.staging..",
                        "br.com.rhp.hospital.shared",
                        "java..",
                        "tools.jackson..",
                        "org.slf4j..",
                        "org.springframework.beans.factory.annotation..",
                        "org.springframework.context.annotation..",
                        "org.springframework.util.unit..")
                .check(classes);
    }
}
