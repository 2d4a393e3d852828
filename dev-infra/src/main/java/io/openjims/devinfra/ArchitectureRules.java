package io.openjims.devinfra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;

/**
 * The module and package rules of docs/architecture.md, checked by each service's ArchitectureTest on its own
 * classes plus service-support (the classes it can see):
 *
 * <ul>
 *   <li>service-support depends on no service and not on identity-model (so it names no topic or domain concept);
 *   <li>a service depends on no other service;
 *   <li>feature-first direction: a {@code repository} package never uses a {@code rest} or {@code service} package,
 *       and a {@code rest} package never reaches a {@code repository} directly.
 * </ul>
 */
public final class ArchitectureRules {

    private static final List<String> SERVICES = List.of("collector", "query", "push");

    private ArchitectureRules() {}

    /** Checks every rule for the service whose root package is {@code io.openjims.<service>}. */
    public static void check(String service) {
        String root = "io.openjims." + service;
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root, "io.openjims.support");

        noClasses()
                .that()
                .resideInAPackage("io.openjims.support..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.openjims.collector..",
                        "io.openjims.query..",
                        "io.openjims.push..",
                        "io.openjims.model..",
                        "io.openjims.devinfra..")
                .because("service-support is platform plumbing: no service, no topic or domain names")
                .check(classes);

        String[] others = SERVICES.stream()
                .filter(s -> !s.equals(service))
                .map(s -> "io.openjims." + s + "..")
                .toArray(String[]::new);
        noClasses()
                .that()
                .resideInAPackage(root + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .because("services share code only through identity-model and service-support")
                .check(classes);

        noClasses()
                .that()
                .resideInAPackage(root + "..repository..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + "..rest..", root + "..service..")
                .because("data access knows nothing of the API or the logic above it")
                .check(classes);

        noClasses()
                .that()
                .resideInAPackage(root + "..rest..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + "..repository..")
                .because("resources call services, which own the data access")
                .check(classes);
    }
}
