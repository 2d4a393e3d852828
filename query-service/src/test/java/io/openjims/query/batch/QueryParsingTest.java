package io.openjims.query.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.model.contract.IpAddresses;
import io.openjims.query.batch.service.CookieCodec;
import io.openjims.query.batch.service.QueryRequest;
import io.openjims.query.batch.service.QueryRequestParser;
import io.openjims.query.view.service.AddressPattern;
import io.openjims.support.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class QueryParsingTest {

    @Test
    void addressPatternsCoverAddressesPrefixesAndJunosWildcards() {
        byte[] a = IpAddresses.parse("10.1.7.5");
        assertThat(AddressPattern.parse("10.1.7.5").matches(a)).isTrue();
        assertThat(AddressPattern.parse("10.0.0.0/8").matches(a)).isTrue();
        assertThat(AddressPattern.parse("10.2.0.0/16").matches(a)).isFalse();
        assertThat(AddressPattern.parse("10.1.0.5/255.255.0.255").matches(a)).isTrue();
        assertThat(AddressPattern.parse("10.1.0.5/255.255.0.255").matches(IpAddresses.parse("10.1.7.6")))
                .isFalse();
        assertThat(AddressPattern.parse("2001:db8::/32").matches(IpAddresses.parse("2001:DB8:0:1::5")))
                .isTrue();
        assertThat(AddressPattern.parse("2001:db8::/32").matches(a)).isFalse();
        assertThatThrownBy(() -> AddressPattern.parse("10.0.0.0/33")).hasMessageContaining("prefix");
        assertThatThrownBy(() -> AddressPattern.parse("example.com")).hasMessageContaining("not an IPv4");
    }

    @Test
    void addressesAreCanonicalAndNeverResolved() {
        assertThat(IpAddresses.canonicalOrNull("2001:DB8:0:0:0:0:0:1")).isEqualTo("2001:db8::1");
        assertThat(IpAddresses.canonicalOrNull("::ffff:10.1.2.3")).isEqualTo("10.1.2.3");
        assertThat(IpAddresses.canonicalOrNull("fe80:0:0:1:0:0:0:1")).isEqualTo("fe80:0:0:1::1");
        assertThat(IpAddresses.canonicalOrNull("localhost")).isNull();
        assertThat(IpAddresses.canonicalOrNull("256.1.1.1")).isNull();
    }

    @Test
    void everyInvalidFieldIsNamed() {
        assertThatThrownBy(() -> QueryRequestParser.parse("{\"query\":\"batch\",\"max_items\":5,"
                        + "\"timestamp\":\"yesterday\",\"filter\":{\"include\":[\"10.0.0.0/40\"],"
                        + "\"domains\":[1]}}"))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("max_items must be between 100 and 1000")
                .hasMessageContaining("timestamp")
                .hasMessageContaining("filter.include")
                .hasMessageContaining("filter.domains");
        assertThatThrownBy(() -> QueryRequestParser.parse(
                        "{\"query\":\"batch\",\"timestamp\":" + "\"2026-01-01T00:00:00Z\",\"cookie\":\"x\"}"))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> QueryRequestParser.parse("not json")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> QueryRequestParser.parse("{\"query\":\"ip\",\"ip\":\"nope\"}"))
                .hasMessageContaining("ip must be");
        StringBuilder many = new StringBuilder("{\"query\":\"batch\",\"filter\":{\"exclude\":[");
        for (int i = 0; i < 21; i++) {
            many.append(i == 0 ? "" : ",").append("\"10.0.0.").append(i).append("\"");
        }
        many.append("]}}");
        assertThatThrownBy(() -> QueryRequestParser.parse(many.toString())).hasMessageContaining("at most 20");
        var batch = (QueryRequest.Batch) QueryRequestParser.parse("{\"query\":\"batch\"}");
        assertThat(batch.maxItems()).isEqualTo(200);
    }

    @Test
    void cookiesAreBoundToTheirClientAndEpochAndTamperProof() {
        CookieCodec codec = new CookieCodec("0123456789abcdef0123".getBytes(StandardCharsets.UTF_8));
        UUID epoch = UUID.randomUUID();
        String cookie = codec.encode(4711, epoch, "srx-1");
        assertThat(codec.decode(cookie, "srx-1")).isEqualTo(new CookieCodec.Cookie(4711, epoch));
        assertThatThrownBy(() -> codec.decode(cookie, "srx-2")).hasMessageContaining("not one this service issued");
        String tampered = cookie.replace("c2.", "c2.1");
        assertThatThrownBy(() -> codec.decode(tampered, "srx-1")).isInstanceOf(ApiException.class);
        String[] parts = cookie.split("\\.");
        String otherEpoch = codec.encode(4711, UUID.randomUUID(), "srx-1").split("\\.")[2];
        String swapped = parts[0] + "." + parts[1] + "." + otherEpoch + "." + parts[3];
        assertThatThrownBy(() -> codec.decode(swapped, "srx-1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> codec.decode("garbage", "srx-1")).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> codec.decode("c2.1.2", "srx-1")).isInstanceOf(ApiException.class);
        // A cookie issued before epochs is still read, its epoch unknown.
        assertThat(codec.decode(codec.encodeLegacy(42, "srx-1"), "srx-1")).isEqualTo(new CookieCodec.Cookie(42, null));
        assertThatThrownBy(() -> codec.decode(codec.encodeLegacy(42, "srx-1"), "srx-2"))
                .isInstanceOf(ApiException.class);
    }

    /** The streaming reader of IP and user queries gives what the full parser gives, or leaves the body to it. */
    @Test
    void ipAndUserQueriesReadByTheStreamingParserAreWhatTheFullParserReads() {
        String[] same = {
            "{\"query\":\"ip\",\"ip\":\"10.1.2.3\"}",
            "{\"ip\":\"2001:DB8:0:0:0:0:0:1\",\"query\":\" IP \"}",
            "{\"query\":\"ip\",\"ip\":7,\"ip\":\"::ffff:10.1.2.3\"}",
            "{\"query\":\"ip\",\"ip\":\"10.1.2.3\",\"extra\":{\"a\":[1,{\"ip\":\"9.9.9.9\"}]}}",
            "{\"query\":\"ip\",\"ip\":\"10.1.2.3\"} trailing",
            "  {\"query\":\"user\",\"domain\":\" Example.COM \",\"user\":\"Al\\u00efce\"}",
            "{\"query\":\"user\",\"user\":\"bob\",\"domain\":\"EXAMPLE\",\"ip\":null}",
        };
        for (String body : same) {
            assertThat(QueryRequestParser.parseIpOrUser(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isNotNull()
                    .isEqualTo(QueryRequestParser.parse(body));
        }
        String[] leftToTheFullParser = {
            "",
            "not json",
            "[1]",
            "{broken",
            "{\"query\":\"batch\",\"max_items\":100}",
            "{\"query\":\"ip\"}",
            "{\"query\":\"ip\",\"ip\":\"nope\"}",
            "{\"query\":\"ip\",\"ip\":\"10.1.2.3\",\"ip\":null}",
            "{\"query\":\"ip\",\"ip\":[\"10.1.2.3\"]}",
            "{\"query\":1,\"ip\":\"10.1.2.3\"}",
            "{\"query\":\"user\",\"domain\":\"x\"}",
            "{\"query\":\"user\",\"domain\":\" \",\"user\":\"bob\"}",
            "{\"query\":\"users\",\"domain\":\"x\",\"user\":\"bob\"}",
        };
        for (String body : leftToTheFullParser) {
            assertThat(QueryRequestParser.parseIpOrUser(body.getBytes(StandardCharsets.UTF_8)))
                    .as(body)
                    .isNull();
        }
    }
}
