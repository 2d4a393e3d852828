package io.openjims.cli.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.cli.core.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PasswordsFileTest {

    private final MissingPasswords missing = MissingPasswords.merge(
            Map.of(Service.PUSH, MissingPasswordsTest.PUSH, Service.COLLECTOR, MissingPasswordsTest.COLLECTOR));

    @Test
    void indexAndSectionNameLinesAreResolvedToGlobalIndexes() {
        Map<Integer, String> passwords = PasswordsFile.resolve(
                List.of(
                        "# exported 2026-12-07",
                        "",
                        "1=bind=with=equals ",
                        "ingest_clients/pan = s3cret\r",
                        "tenants/cso=Tenant-Pass-1!"),
                missing,
                "p.txt");
        assertThat(passwords)
                .containsExactly(
                        Map.entry(1, "bind=with=equals "), Map.entry(2, " s3cret"), Map.entry(3, "Tenant-Pass-1!"));
    }

    @Test
    void badLinesNameTheLineButNeverThePassword() {
        assertThatThrownBy(() -> PasswordsFile.resolve(List.of("7=hunter2"), missing, "p.txt"))
                .hasMessage("p.txt line 1: no missing password has index 7 (1..3)");
        assertThatThrownBy(() -> PasswordsFile.resolve(List.of("", "hunter2"), missing, "p.txt"))
                .hasMessage("p.txt line 2: expected index=password or section/name=password")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PasswordsFile.resolve(List.of("directories/other=hunter2"), missing, "p.txt"))
                .hasMessageContaining("no missing password for directories/other")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PasswordsFile.resolve(List.of("corp=hunter2"), missing, "p.txt"))
                .hasMessageContaining("\"corp\" is neither an index nor section/name");
        MissingPasswords twoSecrets = MissingPasswords.merge(Map.of(
                Service.COLLECTOR,
                MissingPasswordsTest.report("[{\"index\": 1, \"section\": \"ingest_clients\", \"type\":"
                        + " \"ingest client secret\", \"name\": \"pan\"}, {\"index\": 2, \"section\":"
                        + " \"ingest_clients\", \"type\": \"ingest client api key\", \"name\": \"pan\"}]")));
        assertThatThrownBy(() -> PasswordsFile.resolve(List.of("ingest_clients/pan=hunter2"), twoSecrets, "p.txt"))
                .hasMessageContaining("ingest_clients/pan needs several secrets (ingest client secret, ingest client"
                        + " api key): give each by its index")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> PasswordsFile.resolve(List.of("2="), missing, "p.txt"))
                .hasMessageContaining("the password of 2 is empty");
    }
}
