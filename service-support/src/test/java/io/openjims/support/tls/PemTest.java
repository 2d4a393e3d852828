package io.openjims.support.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PemTest {

    static final String CERT = """
            -----BEGIN CERTIFICATE-----
            MIIBejCCASGgAwIBAgIUVmGmWH9U1WciwshkR7wCdLMGm00wCgYIKoZIzj0EAwIw
            EjEQMA4GA1UEAwwHdGVzdC1jYTAgFw0yNjEyMDYyMTEwNTNaGA8yMTI2MTExMjIx
            MTA1M1owEjEQMA4GA1UEAwwHdGVzdC1jYTBZMBMGByqGSM49AgEGCCqGSM49AwEH
            A0IABGsD4TI3UmHv8ec+SoVFs9GB+IT7Fco9Eag1bUDwd2ulkgbNwl/lnMIkMdr0
            pEPPXVOGQ0YHN86zrwz98ITQ7ISjUzBRMB0GA1UdDgQWBBQruhJTT0lHMY61QMDC
            rTilB7TGpjAfBgNVHSMEGDAWgBQruhJTT0lHMY61QMDCrTilB7TGpjAPBgNVHRMB
            Af8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIBZk0hYgR4/NFgv29a8Ug2FkXrFQ
            4lY0jT51l0jmzQw2AiB3Oi/76iFw0s9qF8CIq01q9xGW945TSfwFr147yurAGw==
            -----END CERTIFICATE-----
            """;

    static final String KEY = """
            -----BEGIN PRIVATE KEY-----
            MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgJae+XJs7xKJWScQA
            iQgdtRqY4V8DQGPCUKjFuzN8Qu2hRANCAARrA+EyN1Jh7/HnPkqFRbPRgfiE+xXK
            PRGoNW1A8HdrpZIGzcJf5ZzCJDHa9KRDz11ThkNGBzfOs68M/fCE0OyE
            -----END PRIVATE KEY-----
            """;

    @Test
    void readsCertificatesKeysAndBuildsManagers() throws Exception {
        assertThat(Pem.certificates(CERT + CERT)).hasSize(2);
        assertThat(Pem.certificates(CERT).get(0).getSubjectX500Principal().getName())
                .isEqualTo("CN=test-ca");
        assertThat(Pem.privateKey(KEY).getAlgorithm()).isEqualTo("EC");
        assertThat(Pem.trustManagers(CERT).getTrustManagers()).isNotEmpty();
        assertThat(Pem.keyManagers(CERT, KEY).getKeyManagers()).isNotEmpty();
    }

    @Test
    void refusesWhatIsNoPem() {
        assertThatThrownBy(() -> Pem.certificates("nothing")).hasMessageContaining("no PEM certificate");
        assertThatThrownBy(() -> Pem.certificates(null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pem.certificates("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Pem.privateKey("-----BEGIN RSA PRIVATE KEY-----"))
                .hasMessageContaining("PKCS#8");
    }
}
