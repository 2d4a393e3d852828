package io.openjims.support.jwt;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.util.KeyUtils;
import io.smallrye.jwt.util.ResourceUtils;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The public keys a token may be signed with, by kid ({@link KeyIds}), read from {@link JwtVerifyConfig#publicKeys()}
 * at start and again every {@link JwtVerifyConfig#keyRefreshInterval()}: listing a second key lets a signing key
 * rotate without refusing the tokens signed just before; removing it refuses them.
 */
@ApplicationScoped
public class VerificationKeys {

    private static final Logger LOG = Logger.getLogger(VerificationKeys.class);
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN PUBLIC KEY-----[^-]+-----END PUBLIC KEY-----", Pattern.DOTALL);

    private final JwtVerifyConfig config;
    private volatile Map<String, PublicKey> keys = Map.of();
    private ScheduledExecutorService refresher;

    public VerificationKeys(JwtVerifyConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        reload();
        long everyMillis = Math.max(1000, config.keyRefreshInterval().toMillis());
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "jwt-key-refresh");
            thread.setDaemon(true);
            return thread;
        });
        refresher.scheduleWithFixedDelay(this::reloadQuietly, everyMillis, everyMillis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        if (refresher != null) {
            refresher.shutdownNow();
        }
    }

    /** The key of this kid, or null when none of the listed files holds it. */
    public PublicKey find(String kid) {
        return kid == null ? null : keys.get(kid);
    }

    /** The kids accepted now. */
    public Set<String> kids() {
        return keys.keySet();
    }

    /**
     * Reads the key files again. A file that cannot be read keeps nothing of its own; when no key at all is found the
     * previous keys stay (a half-written Secret must not lock everyone out), logged as an error.
     */
    public synchronized void reload() {
        Map<String, PublicKey> found = new LinkedHashMap<>();
        for (String location : config.publicKeys()) {
            for (PublicKey key : read(location.strip())) {
                found.put(KeyIds.of(key), key);
            }
        }
        if (found.isEmpty()) {
            LOG.errorf(
                    "No token verification key in %s (OPENJIMS_JWT_PUBLIC_KEY_FILE: PEM files of RSA public keys);"
                            + " %s",
                    config.publicKeys(), keys.isEmpty() ? "every token is refused" : "keeping the keys read before");
            return;
        }
        if (!found.keySet().equals(keys.keySet())) {
            LOG.infof("Token verification keys (kid): %s", found.keySet());
        }
        keys = Map.copyOf(found);
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (RuntimeException e) {
            LOG.errorf("Reading the token verification keys failed: %s", e.getMessage());
        }
    }

    private static List<PublicKey> read(String location) {
        List<PublicKey> out = new ArrayList<>();
        String pem;
        try {
            pem = ResourceUtils.readResource(location);
        } catch (Exception e) {
            LOG.warnf("Cannot read token verification keys at %s: %s", location, e.getMessage());
            return out;
        }
        if (pem == null) {
            LOG.warnf("No token verification key file at %s (skipped)", location);
            return out;
        }
        Matcher blocks = PEM_BLOCK.matcher(pem);
        while (blocks.find()) {
            try {
                out.add(KeyUtils.decodePublicKey(blocks.group()));
            } catch (Exception e) {
                LOG.warnf("A public key in %s is unreadable (skipped): %s", location, e.getMessage());
            }
        }
        if (out.isEmpty()) {
            LOG.warnf("%s holds no PEM block \"BEGIN PUBLIC KEY\" (skipped)", location);
        }
        return out;
    }
}
