package io.openjims.collector.events.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.model.contract.IpAddresses;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The dotted-quad shortcut of normalize gives what the general path gives (canonical form, same refusals). */
class UsableAddressesFastPathTest {

    private static final String[] PIECES = {
        "0", "1", "9", "10", "01", "127", "224", "239", "240", "255", "256", "999", "1000", ".", ".", ".", " ", "a", ":"
    };

    @Test
    void sameResultAsTheGeneralPath() throws Exception {
        Random random = new Random(3);
        for (int i = 0; i < 200_000; i++) {
            StringBuilder text = new StringBuilder();
            int pieces = 1 + random.nextInt(8);
            for (int p = 0; p < pieces; p++) {
                text.append(PIECES[random.nextInt(PIECES.length)]);
            }
            String value = text.toString();
            Optional<String> canonical = IpAddresses.canonical(value);
            String normalized;
            try {
                normalized = UsableAddresses.normalize(value);
            } catch (UsableAddresses.InvalidIpException e) {
                normalized = null;
            }
            if (IpAddresses.plainIpv4FirstOctet(value) >= 0) {
                assertThat(canonical).as(value).contains(value);
            }
            String expected = null;
            if (canonical.isPresent()) {
                InetAddress address = InetAddress.getByName(canonical.get());
                if (!address.isLoopbackAddress() && !address.isAnyLocalAddress() && !address.isMulticastAddress()) {
                    expected = canonical.get();
                }
            }
            assertThat(normalized).as(value).isEqualTo(expected);
        }
    }

    @Test
    void usualAddresses() throws Exception {
        assertThat(UsableAddresses.normalize("10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(UsableAddresses.normalize("255.255.255.255")).isEqualTo("255.255.255.255");
        assertThatThrownBy(() -> UsableAddresses.normalize("127.0.0.1"))
                .isInstanceOf(UsableAddresses.InvalidIpException.class);
        assertThatThrownBy(() -> UsableAddresses.normalize("0.0.0.0"))
                .isInstanceOf(UsableAddresses.InvalidIpException.class);
        assertThatThrownBy(() -> UsableAddresses.normalize("239.1.1.1"))
                .isInstanceOf(UsableAddresses.InvalidIpException.class);
        assertThatThrownBy(() -> UsableAddresses.normalize("010.1.1.1"))
                .isInstanceOf(UsableAddresses.InvalidIpException.class);
        assertThat(UsableAddresses.normalize(" 10.1.2.3 ")).isEqualTo("10.1.2.3");
    }
}
