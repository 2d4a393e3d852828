package io.openjims.collector.status.service;

import io.openjims.collector.config.CollectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Who this collector is: its id (configured, else the host name) and its build version. */
@ApplicationScoped
public class CollectorIdentity {

    private final String id;
    private final String version;

    public CollectorIdentity(
            CollectorConfig config, @ConfigProperty(name = "quarkus.application.version") String version) {
        this.id = config.id().filter(value -> !value.isBlank()).orElseGet(CollectorIdentity::hostName);
        this.version = version;
    }

    public String id() {
        return id;
    }

    public String version() {
        return version;
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "collector";
        }
    }
}
