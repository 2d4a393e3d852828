package io.openjims.collector.status.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.openjims.collector.directory.repository.DirectorySourceEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorHeartbeatDomainsTest {

    @Test
    void theHeartbeatNamesTheDomainsOfTheDirectoriesLowerCaseSortedOnce() {
        assertThat(CollectorHeartbeat.domains(
                        List.of(source("Corp.Example"), source("b.test"), source("corp.example"), source(" "))))
                .containsExactly("b.test", "corp.example");
        assertThat(CollectorHeartbeat.domains(List.of())).isEmpty();
    }

    private static DirectorySourceEntity source(String domain) {
        DirectorySourceEntity e = new DirectorySourceEntity();
        e.domain = domain;
        return e;
    }
}
