package io.openjims.support.http;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The TLS implementation of the HTTPS API port ({@code openjims.tls.*}). */
@ConfigMapping(prefix = "openjims.tls")
public interface TlsEngineConfig {

    /** Which TLS engine the HTTPS server uses. */
    enum Engine {
        /** The JDK's SSLEngine. */
        JDK,
        /** OpenSSL (BoringSSL from netty-tcnative); the JDK engine, with a warning, where it is not available. */
        OPENSSL
    }

    /**
     * TLS engine of the HTTPS API port: {@code openssl} (BoringSSL through netty-tcnative, bundled for linux-x86_64)
     * or {@code jdk}. Where OpenSSL cannot be loaded the JDK engine is used and a warning logged. Default
     * {@code jdk}.
     */
    @WithDefault("jdk")
    Engine engine();
}
