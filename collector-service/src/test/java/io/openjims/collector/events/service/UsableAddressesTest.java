package io.openjims.collector.events.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.model.contract.IpAddresses;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UsableAddressesTest {

    /** A usable address comes out in the canonical form (identity-model's IpAddressesTest has the expected texts). */
    @ParameterizedTest
    @ValueSource(
            strings = {
                "10.1.2.3",
                "::ffff:10.1.2.3",
                "::FFFF:192.168.7.1",
                "[2001:db8::1]",
                "2001:0DB8:0000:0000:0001:0000:0000:0001",
                "fe80::1%eth0",
                "2001:db8:0:1:1:1:1:1"
            })
    void normalisesToTheCanonicalForm(String input) throws Exception {
        assertThat(UsableAddresses.normalize(input)).isEqualTo(IpAddresses.canonicalOrNull(input));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"-", "", "10.1.2", "10.1.2.256", "010.1.2.3", "example.com", "1.2.3.4.5", "::g", "10.1.2.3x"})
    void rejectsInvalid(String input) {
        assertThatThrownBy(() -> UsableAddresses.normalize(input))
                .isInstanceOfSatisfying(
                        UsableAddresses.InvalidIpException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_ip"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "::1", "0.0.0.0", "::", "224.0.0.1", "::ffff:127.0.0.1", "ff02::1", "[::1]"})
    void rejectsUnusable(String input) {
        assertThatThrownBy(() -> UsableAddresses.normalize(input))
                .isInstanceOfSatisfying(
                        UsableAddresses.InvalidIpException.class,
                        e -> assertThat(e.code()).isEqualTo("unusable_ip"));
    }
}
