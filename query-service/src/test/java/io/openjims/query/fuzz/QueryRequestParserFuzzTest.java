package io.openjims.query.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openjims.query.batch.service.QueryRequest;
import io.openjims.query.batch.service.QueryRequestParser;
import io.openjims.support.api.ApiException;
import java.nio.charset.StandardCharsets;

/** Any body to the SRX query parser: a request within the documented limits, or one 400 naming the problems. */
class QueryRequestParserFuzzTest {

    @FuzzTest
    void parse(byte[] input) {
        String body = new String(input, StandardCharsets.UTF_8);
        QueryRequest request;
        try {
            request = QueryRequestParser.parse(body);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(request).isNotNull();
        if (request instanceof QueryRequest.Batch batch) {
            assertThat(batch.maxItems()).isBetween(QueryRequestParser.MIN_ITEMS, QueryRequestParser.MAX_ITEMS);
            assertThat(batch.timestamp() == null || batch.cookie() == null).isTrue();
            assertThat(batch.filter().domains()).hasSizeLessThanOrEqualTo(QueryRequestParser.MAX_DOMAINS);
        } else if (request instanceof QueryRequest.Ip ip) {
            assertThat(ip.ip()).isNotNull();
        }
    }
}
