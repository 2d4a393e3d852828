package io.openjims.cli.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class LoginCommandTest {

    @Test
    void collectorAndPushDefaultToTheNextTwoPortsOfTheQueryHost() {
        URI query = URI.create("https://jims.example.com:8443");
        assertThat(LoginCommand.sibling(query, 1)).isEqualTo("https://jims.example.com:8444");
        assertThat(LoginCommand.sibling(query, 2)).isEqualTo("https://jims.example.com:8445");
        assertThat(LoginCommand.sibling(URI.create("https://[::1]:9443"), 2)).isEqualTo("https://[::1]:9445");
        assertThat(LoginCommand.sibling(URI.create("https://jims.example.com"), 1))
                .isEqualTo("https://jims.example.com:444");
    }
}
