package io.openjims.collector.events.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IpAddressCanonicalTest {

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
    }

    @Test
    void namesAndNonsenseAreRefusedWithoutLookup() {
        assertThat(IpAddresses.canonical("localhost")).isEmpty();
        assertThat(IpAddresses.canonical("example.com")).isEmpty();
        assertThat(IpAddresses.canonical("256.1.1.1")).isEmpty();
        assertThat(IpAddresses.canonical("10.1.2")).isEmpty();
        assertThat(IpAddresses.canonical("01.2.3.4")).isEmpty();
        assertThat(IpAddresses.canonical("1:2:3")).isEmpty();
        assertThat(IpAddresses.canonical("")).isEmpty();
        assertThat(IpAddresses.canonical(null)).isEmpty();
    }
}
