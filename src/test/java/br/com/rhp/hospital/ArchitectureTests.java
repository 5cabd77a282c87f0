package br.com.rhp.hospital;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages depend only in the intended direction: domain → write path → staging; replay → staging
 * and the write path; staging knows nothing of the hospital; shared knows no feature.
 */
class ArchitectureTests {

    private static final String[] DOMINIO = {
        "..hospital.unidade..",
        "..hospital.leito..",
        "..hospital.paciente..",
        "..hospital.profissional..",
        "..hospital.atendimento.."
    };

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("br.com.rhp.hospital");

    @Test
    void stagingKnowsNothingOfTheHospitalNorOfTheWritePath() {
        noClasses()
                .that()
                .resideInAPackage("..hospital.staging..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(DOMINIO, "..hospital.write..", "..hospital.replay..", "..hospital.web.."))
                .check(CLASSES);
    }

    @Test
    void writePathKnowsNoDomainPackage() {
        noClasses()
                .that()
                .resideInAPackage("..hospital.write..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(DOMINIO, "..hospital.replay.."))
                .check(CLASSES);
    }

    @Test
    void domainWritesOnlyThroughTheWritePath() {
        noClasses()
                .that()
                .resideInAnyPackage(DOMINIO)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("..hospital.staging..", "..hospital.replay..")
                .check(CLASSES);
    }

    @Test
    void auditTrailKnowsNoDomainNorTheWritePath() {
        // every package may record in the trail; the trail depends on none of them
        noClasses()
                .that()
                .resideInAPackage("..hospital.trilha..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        concat(DOMINIO, "..hospital.write..", "..hospital.replay..", "..hospital.security.."))
                .check(CLASSES);
    }

    @Test
    void sharedKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("..hospital.shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(concat(
                        DOMINIO,
                        "..hospital.write..",
                        "..hospital.staging..",
                        "..hospital.replay..",
                        "..hospital.web..",
                        "..hospital.security..",
                        "..hospital.trilha.."))
                .check(CLASSES);
    }

    @Test
    void entitiesCarryNoBeanValidationConstraints() {
        // forms are validated; Hibernate's validation of entities on insert/update is off
        // (jakarta.persistence.validation.mode=none), so a constraint put on an entity would never run
        noClasses()
                .that()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .should()
                .dependOnClassesThat()
                .resideInAPackage("jakarta.validation..")
                .check(CLASSES);
    }

    @Test
    void versionedEntitiesTellSpringDataWhetherTheyAreNew() {
        // otherwise every save() reads the version through a bean wrapper that throws before it falls back
        // to the field (see EntidadeVersionada)
        classes()
                .that()
                .areAnnotatedWith(jakarta.persistence.Entity.class)
                .and(describe(
                        "have a @Version field",
                        type -> type.getAllFields().stream()
                                .anyMatch(field -> field.isAnnotatedWith(jakarta.persistence.Version.class))))
                .should()
                .implement(org.springframework.data.domain.Persistable.class)
                .check(CLASSES);
    }

    @Test
    void featurePackagesHaveNoCycles() {
        slices().matching("br.com.rhp.hospital.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
