package io.openjims.support.http;

import io.quarkus.vertx.http.HttpServerOptionsCustomizer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Gives the HTTPS server the TLS engine {@code openjims.tls.engine} names ({@link TlsEngineConfig}). */
@ApplicationScoped
public class TlsEngineCustomizer implements HttpServerOptionsCustomizer {

    private static final Logger LOG = Logger.getLogger(TlsEngineCustomizer.class);

    private final TlsEngineConfig.Engine engine;

    public TlsEngineCustomizer(TlsEngineConfig config) {
        this.engine = config.engine();
    }

    @Override
    public void customizeHttpsServer(HttpServerOptions options) {
        apply(engine, options);
    }

    /** Sets the engine on {@code options}; returns the engine actually set (JDK when OpenSSL is unavailable). */
    static TlsEngineConfig.Engine apply(TlsEngineConfig.Engine wanted, HttpServerOptions options) {
        if (wanted == TlsEngineConfig.Engine.OPENSSL) {
            if (OpenSSLEngineOptions.isAvailable()) {
                options.setSslEngineOptions(new OpenSSLEngineOptions());
                LOG.infof("HTTPS: OpenSSL engine (%s)", io.netty.handler.ssl.OpenSsl.versionString());
                return TlsEngineConfig.Engine.OPENSSL;
            }
            LOG.warnf(
                    "openjims.tls.engine=openssl, but OpenSSL is not available here (%s); HTTPS uses the JDK engine",
                    String.valueOf(io.netty.handler.ssl.OpenSsl.unavailabilityCause()));
        }
        options.setSslEngineOptions(new JdkSSLEngineOptions());
        LOG.info("HTTPS: JDK TLS engine");
        return TlsEngineConfig.Engine.JDK;
    }
}
