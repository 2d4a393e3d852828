package io.openjims.support.config;

import io.smallrye.config.FallbackConfigSourceInterceptor;
import io.smallrye.config.Priorities;
import jakarta.annotation.Priority;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Short, documented environment variables (such as {@code OPENJIMS_SYSLOG_PORT}) as fallbacks of the properties they
 * set. Each service lists them in {@value #RESOURCE} ({@code property=ENVIRONMENT_VARIABLE}). The property itself (in
 * any source, including its canonical variable {@code OPENJIMS_COLLECTOR_SYSLOG_PORT}) wins; without either, the
 * {@code @WithDefault} of the mapping applies, so no default is written twice.
 */
@Priority(Priorities.LIBRARY + 600)
public final class EnvAliases extends FallbackConfigSourceInterceptor {

    public static final String RESOURCE = "META-INF/openjims-env-aliases.properties";

    public EnvAliases() {
        this(load(EnvAliases.class.getClassLoader()));
    }

    private EnvAliases(Map<String, String> aliases) {
        super(name -> aliases.getOrDefault(name, name));
    }

    /** The aliases of every {@value #RESOURCE} on the class path: property name to environment variable. */
    public static Map<String, String> load(ClassLoader loader) {
        Map<String, String> aliases = new HashMap<>();
        try {
            for (URL url : Collections.list(loader.getResources(RESOURCE))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                properties.forEach((property, variable) ->
                        aliases.put(property.toString(), variable.toString().trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
        return Map.copyOf(aliases);
    }
}
