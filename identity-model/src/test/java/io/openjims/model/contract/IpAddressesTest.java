package io.openjims.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The canonical IP form (the assertions of collector-service's and query-service's former copies). */
class IpAddressesTest {

    @Test
    void ipv4IsKeptAndIpv6IsWrittenInRfc5952Form() {
        assertThat(IpAddresses.canonical("10.1.2.3")).contains("10.1.2.3");
        assertThat(IpAddresses.canonical(" 192.168.0.1 ")).contains("192.168.0.1");
        assertThat(IpAddresses.canonical("2001:DB8:0:0:0:0:0:1")).contains("2001:db8::1");
        assertThat(IpAddresses.canonical("2001:db8:0:0:1:0:0:1")).contains("2001:db8::1:0:0:1");
        assertThat(IpAddresses.canonical("[fe80::1]")).contains("fe80::1");
        assertThat(IpAddresses.canonical("::")).contains("::");
        assertThat(IpAddresses.canonical("2001:db8:1:2:3:4:5:6")).contains("2001:db8:1:2:3:4:5:6");
        assertThat(IpAddresses.canonical("2001:db8:0:1:2:3:4:5")).contains("2001:db8:0:1:2:3:4:5");
    }

    @Test
    void ipv4MappedIpv6BecomesIpv4() {
        assertThat(IpAddresses.canonical("::ffff:10.9.8.7")).contains("10.9.8.7");
        assertThat(IpAddresses.parse("::ffff:10.9.8.7")).containsExactly(10, 9, 8, 7);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 1;
        assertThat(IpAddresses.format(mapped)).isEqualTo("10.0.0.1");
    }

    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, 10.1.2.3",
        "::ffff:10.1.2.3, 10.1.2.3",
        "::FFFF:192.168.7.1, 192.168.7.1",
        "[2001:db8::1], 2001:db8::1",
        "2001:0DB8:0000:0000:0001:0000:0000:0001, 2001:db8::1:0:0:1",
        "fe80::1%eth0, fe80::1",
        "[fe80::1%12], fe80::1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "127.0.0.1, 127.0.0.1",
        "::1, ::1",
        "fe80:0:0:1:0:0:0:1, fe80:0:0:1::1"
    })
    void canonicalForm(String input, String expected) {
        assertThat(IpAddresses.canonical(input)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-",
                "",
                " ",
                "10.1.2",
                "10.1.2.256",
                "010.1.2.3",
                "01.2.3.4",
                "example.com",
                "localhost",
                "1.2.3.4.5",
                "::g",
                "10.1.2.3x",
                "256.1.1.1",
                "1:2:3",
                "10.1.2.3%eth0",
                "fe80::1%",
                "::ffff:010.1.2.3",
                "[10.1.2.3"
            })
    void namesAndNonsenseAreRefusedWithoutLookup(String input) {
        assertThat(IpAddresses.canonical(input)).as(input).isEmpty();
        assertThat(IpAddresses.parse(input)).as(input).isNull();
    }

    @Test
    void nullIsNoAddress() {
        assertThat(IpAddresses.canonical(null)).isEmpty();
        assertThat(IpAddresses.canonicalOrNull(null)).isNull();
    }

    @Test
    void rfc5952CompressesTheLongestRunAndTheFirstOnATie() {
        assertThat(IpAddresses.canonical("2001:db8:0:0:1:0:0:0")).contains("2001:db8:0:0:1::");
        assertThat(IpAddresses.canonical("1:0:0:2:0:0:3:4")).contains("1::2:0:0:3:4");
        assertThat(IpAddresses.canonical("1:0:2:3:4:5:6:7")).contains("1:0:2:3:4:5:6:7");
    }

    @Test
    void theCanonicalFormIsAFixedPointAndMatchesTheJdk() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] bytes = new byte[random.nextBoolean() ? 4 : 16];
            random.nextBytes(bytes);
            if (bytes.length == 16 && random.nextInt(4) == 0) {
                for (int j = random.nextInt(16); j < 16 && random.nextInt(3) > 0; j++) {
                    bytes[j] = 0;
                }
            }
            String text = IpAddresses.format(bytes);
            assertThat(IpAddresses.canonical(text)).as(text).contains(text);
            assertThat(InetAddress.getByName(text).getAddress()).as(text).isEqualTo(IpAddresses.parse(text));
        }
    }

    @Test
    void thePlainDottedQuadShortcutAgreesWithTheGeneralPath() {
        String[] pieces = {"0", "1", "9", "10", "01", "127", "255", "256", "999", ".", ".", ".", " ", "a", ":"};
        Random random = new Random(3);
        for (int i = 0; i < 100_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int p = 1 + random.nextInt(8); p > 0; p--) {
                text.append(pieces[random.nextInt(pieces.length)]);
            }
            String value = text.toString();
            if (IpAddresses.plainIpv4FirstOctet(value) >= 0) {
                assertThat(IpAddresses.canonical(value)).as(value).contains(value);
                assertThat(IpAddresses.plainIpv4FirstOctet(value))
                        .isEqualTo(Integer.parseInt(value.substring(0, value.indexOf('.'))));
            }
        }
    }
}
