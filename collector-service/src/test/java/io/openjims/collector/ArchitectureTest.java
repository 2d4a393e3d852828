package io.openjims.collector;

import io.openjims.devinfra.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The module and package rules of docs/architecture.md hold for collector-service and service-support. */
class ArchitectureTest {

    @Test
    void modulesAndPackagesDependOnlyAsDocumented() {
        ArchitectureRules.check("collector");
    }
}
