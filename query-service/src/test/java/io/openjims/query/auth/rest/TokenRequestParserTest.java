package io.openjims.query.auth.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.openjims.support.api.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class TokenRequestParserTest {

    private static final String FORM = "application/x-www-form-urlencoded";

    @Test
    void readsFormFields() {
        TokenRequest request = TokenRequestParser.parse(
                FORM, "grant_type=client_credentials&client_id=abc&client_secret=p%2Bq%3Dr", null);
        assertThat(request.clientId()).isEqualTo("abc");
        assertThat(request.clientSecret()).isEqualTo("p+q=r");
        assertThat(request.basic()).isFalse();
    }

    @Test
    void readsBasicWithGrantTypeInTheFormOrJson() {
        TokenRequest form = TokenRequestParser.parse(FORM, "grant_type=client_credentials", basic("abc", "s:e:c"));
        assertThat(form.clientId()).isEqualTo("abc");
        assertThat(form.clientSecret()).isEqualTo("s:e:c");
        assertThat(form.basic()).isTrue();

        TokenRequest json = TokenRequestParser.parse(
                "application/json", "{\"grant_type\":\"client_credentials\"}", basic("abc", "sec"));
        assertThat(json.clientSecret()).isEqualTo("sec");
    }

    @Test
    void readsJsonEvenWithoutItsContentType() {
        String body = "{\"grant_type\": \"client_credentials\", \"client_id\": \"abc\", \"client_secret\": \"sec\"}";
        assertThat(TokenRequestParser.parse("application/json; charset=utf-8", body, null)
                        .clientId())
                .isEqualTo("abc");
        assertThat(TokenRequestParser.parse(null, body, null).clientSecret()).isEqualTo("sec");
        assertThat(TokenRequestParser.parse("text/plain", body, null).clientSecret())
                .isEqualTo("sec");
    }

    @Test
    void sameCredentialsInBasicAndBodyAreAcceptedDifferentOnesAreNot() {
        String body = "grant_type=client_credentials&client_id=abc&client_secret=sec";
        assertThat(TokenRequestParser.parse(FORM, body, basic("abc", "sec")).clientId())
                .isEqualTo("abc");
        assertError(() -> TokenRequestParser.parse(FORM, body, basic("abc", "other")), 400, "invalid_request");
    }

    @Test
    void grantTypeIsRequiredAndMustBeClientCredentials() {
        assertError(() -> TokenRequestParser.parse(FORM, "client_id=a&client_secret=b", null), 400, "invalid_request");
        assertError(
                () -> TokenRequestParser.parse(FORM, "grant_type=password&username=a&password=b", null),
                400,
                "unsupported_grant_type");
        assertError(() -> TokenRequestParser.parse(FORM, "", basic("a", "b")), 400, "invalid_request");
    }

    @Test
    void missingCredentialsAreInvalidClient() {
        assertError(() -> TokenRequestParser.parse(FORM, "grant_type=client_credentials", null), 401, "invalid_client");
        assertError(
                () -> TokenRequestParser.parse(FORM, "grant_type=client_credentials&client_id=abc", null),
                401,
                "invalid_client");
    }

    @Test
    void malformedInputIsInvalidRequest() {
        assertError(
                () -> TokenRequestParser.parse("application/json", "{\"grant_type\":", null), 400, "invalid_request");
        assertError(() -> TokenRequestParser.parse("application/json", "[1,2]", null), 400, "invalid_request");
        assertError(
                () -> TokenRequestParser.parse(
                        "application/json", "{\"grant_type\":\"client_credentials\",\"client_id\":{}}", null),
                400,
                "invalid_request");
        assertError(() -> TokenRequestParser.parse(FORM, "grant_type=%zz", null), 400, "invalid_request");
        assertError(
                () -> TokenRequestParser.parse(
                        FORM, "grant_type=client_credentials&grant_type=client_credentials", null),
                400,
                "invalid_request");
        assertError(
                () -> TokenRequestParser.parse(FORM, "grant_type=client_credentials", "Basic !!!"),
                400,
                "invalid_request");
        assertError(
                () -> TokenRequestParser.parse(
                        FORM,
                        "grant_type=client_credentials",
                        "Basic " + Base64.getEncoder().encodeToString("nocolon".getBytes(StandardCharsets.UTF_8))),
                400,
                "invalid_request");
        String longId = "x".repeat(TokenRequestParser.MAX_FIELD_LENGTH + 1);
        assertError(
                () -> TokenRequestParser.parse(
                        FORM, "grant_type=client_credentials&client_id=" + longId + "&client_secret=s", null),
                400,
                "invalid_request");
    }

    private static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    private static void assertError(Runnable call, int status, String error) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.error()).isEqualTo(error);
            assertThat(e.getMessage()).isNotBlank();
        });
    }
}
