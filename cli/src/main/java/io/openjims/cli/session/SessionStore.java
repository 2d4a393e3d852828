package io.openjims.cli.session;

import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Files0600;
import io.openjims.cli.core.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The session file: {@code $OPENJIMS_CONFIG}, else {@code ~/.config/openjims/session.json}; mode 0600. */
public final class SessionStore {

    public static final String ENVIRONMENT_VARIABLE = "OPENJIMS_CONFIG";

    private final Path file;

    public SessionStore(Path file) {
        this.file = file;
    }

    public static SessionStore of(Map<String, String> environment) {
        String configured = environment.get(ENVIRONMENT_VARIABLE);
        if (configured != null && !configured.isBlank()) {
            return new SessionStore(Path.of(configured));
        }
        return new SessionStore(Path.of(System.getProperty("user.home"), ".config", "openjims", "session.json"));
    }

    public Path file() {
        return file;
    }

    /** The stored session, or a failure telling how to log in. */
    public Session load() {
        if (!Files.exists(file)) {
            throw CliException.failed(
                    "not logged in: run openjims login --url https://<query-service>:8443 --client-id <admin client>");
        }
        try {
            return Json.MAPPER.readValue(Files.readString(file), Session.class);
        } catch (IOException e) {
            throw CliException.failed(
                    "the session file " + file + " is unreadable (" + e.getMessage() + "): run openjims login again");
        }
    }

    public void save(Session session) {
        try {
            Files0600.write(file, Json.MAPPER.writeValueAsString(session));
        } catch (IOException e) {
            throw CliException.failed("could not write the session file " + file + ": " + e.getMessage());
        }
    }
}
