package io.openjims.cli.core;

import java.util.Locale;

/** The three services the tool talks to, in the order a bundle lists them. */
public enum Service {
    COLLECTOR,
    QUERY,
    PUSH;

    /** The key in a bundle and in the documents' {@code service} field. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** collector-service, query-service, push-service. */
    public String display() {
        return key() + "-service";
    }

    /** The service of a key, or null. */
    public static Service ofKey(String key) {
        for (Service service : values()) {
            if (service.key().equals(key)) {
                return service;
            }
        }
        return null;
    }
}
