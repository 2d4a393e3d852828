package io.openjims.collector.ingest.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RequestDecodingTest {

    @Test
    void formBodiesDecodeWithARawKeyAppended() {
        var values = FormParameters.decode("type=user-id&cmd=%3Cuid-message%3E+a%26b%3C%2Fuid-message%3E&key=Ab-_9z");
        assertThat(values)
                .containsEntry("type", "user-id")
                .containsEntry("cmd", "<uid-message> a&b</uid-message>")
                .containsEntry("key", "Ab-_9z");
        assertThat(FormParameters.decode("key=%zz&flag"))
                .containsEntry("key", "%zz")
                .containsEntry("flag", "");
    }

    @Test
    void basicCredentialsSplitAtTheFirstColon() {
        String header = "Basic " + Base64.getEncoder().encodeToString("ic-1:pa:ss".getBytes(StandardCharsets.UTF_8));
        assertThat(BasicCredentials.parse(header)).contains(new BasicCredentials("ic-1", "pa:ss"));
        assertThat(BasicCredentials.parse("basic " + Base64.getEncoder().encodeToString("a:b".getBytes())))
                .contains(new BasicCredentials("a", "b"));
        assertThat(BasicCredentials.parse("Bearer abc")).isEmpty();
        assertThat(BasicCredentials.parse("Basic !!!")).isEmpty();
        assertThat(BasicCredentials.parse("Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes())))
                .isEmpty();
        assertThat(BasicCredentials.parse(null)).isEmpty();
    }
}
