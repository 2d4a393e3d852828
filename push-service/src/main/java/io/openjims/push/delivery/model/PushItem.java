package io.openjims.push.delivery.model;

import java.time.Instant;
import java.util.List;

/**
 * One item of a pushed batch (api.md §5): a session, user, group, device or collector. Fields that do not apply to
 * the kind are null and left out of the JSON.
 */
public record PushItem(
        String kind,
        String operation,
        String ip,
        String domain,
        String user,
        List<String> roles,
        String name,
        List<String> groups,
        Instant timestamp,
        String id,
        String version,
        String state,
        String description,
        Instant lastUpdate) {

    public static PushItem logon(String ip, String domain, String user, List<String> roles, Instant timestamp) {
        return new PushItem(
                "session", "logon", ip, domain, user, roles, null, null, timestamp, null, null, null, null, null);
    }

    public static PushItem logoff(String ip, String domain, Instant timestamp) {
        return new PushItem(
                "session", "logoff", ip, domain, null, null, null, null, timestamp, null, null, null, null, null);
    }

    public static PushItem upsert(String kind, String domain, String name, List<String> groups) {
        return new PushItem(kind, "upsert", null, domain, null, null, name, groups, null, null, null, null, null, null);
    }

    public static PushItem delete(String kind, String domain, String name) {
        return new PushItem(kind, "delete", null, domain, null, null, name, null, null, null, null, null, null, null);
    }

    public static PushItem collector(String id, String version, String state, String description, Instant lastUpdate) {
        return new PushItem(
                "collector",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                id,
                version,
                state,
                description,
                lastUpdate);
    }
}
