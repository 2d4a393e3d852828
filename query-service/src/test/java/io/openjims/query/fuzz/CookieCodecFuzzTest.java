package io.openjims.query.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.openjims.query.batch.service.CookieCodec;
import io.openjims.support.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * Any string as a batch cookie: 400 {@code invalid_cookie}, or the cookie is one the codec issued to this client
 * (the seed corpus holds cookies issued for {@link #SEQS} and {@link #EPOCH}; nothing else may decode).
 */
class CookieCodecFuzzTest {

    static final byte[] KEY = "fuzz-cookie-key-0123456789".getBytes(StandardCharsets.UTF_8);
    static final String CLIENT = "srx-1";
    static final UUID EPOCH = UUID.fromString("3f2b8c1e-7d4a-4e6b-9a5c-0d1e2f3a4b5c");
    static final long[] SEQS = {0, 1, 42, 4711, 1_000_000, Long.MAX_VALUE};

    private final CookieCodec codec = new CookieCodec(KEY);
    private final Set<CookieCodec.Cookie> issued = new HashSet<>();

    CookieCodecFuzzTest() {
        for (long seq : SEQS) {
            issued.add(new CookieCodec.Cookie(seq, EPOCH));
            issued.add(new CookieCodec.Cookie(seq, null));
        }
    }

    @FuzzTest
    void decode(byte[] input) {
        String cookie = new String(input, StandardCharsets.UTF_8);
        CookieCodec.Cookie decoded;
        try {
            decoded = codec.decode(cookie, CLIENT);
        } catch (ApiException e) {
            assertThat(e.status()).isEqualTo(400);
            return;
        }
        assertThat(issued).contains(decoded);
        assertThatThrownBy(() -> codec.decode(cookie, "srx-2"))
                .isInstanceOfSatisfying(
                        ApiException.class, e -> assertThat(e.status()).isEqualTo(400));
    }
}
