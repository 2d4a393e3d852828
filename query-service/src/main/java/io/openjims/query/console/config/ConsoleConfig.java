package io.openjims.query.console.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * The admin console ({@code openjims.query.console.*}): served at {@code /console/}; it reaches the collector and push
 * admin APIs through this service ({@code /console/api/collector/...}, {@code /console/api/push/...}), so the browser
 * talks to one origin and no CORS is opened.
 */
@ConfigMapping(prefix = "openjims.query.console")
public interface ConsoleConfig {

    /** Base URL of collector-service's admin API, e.g. {@code https://collector-service:8444}; unset: no proxy. */
    Optional<String> collectorUrl();

    /** Base URL of push-service's admin API, e.g. {@code https://push-service:8445}; unset: no proxy. */
    Optional<String> pushUrl();

    /** PEM file of the CA(s) trusted for those URLs instead of the JVM trust store (the local stack's CA). */
    Optional<String> trustCaFile();

    /** Deadline of one proxied call. */
    @WithDefault("30s")
    Duration proxyTimeout();

    /** Largest request body the proxy forwards (configuration documents are the biggest). */
    @WithDefault("16777216")
    int maxBodyBytes();
}
