package io.openjims.query.config;

/** Messaging channel names; their topics come from {@code mp.messaging.*.topic}. */
public final class Channels {

    public static final String EVENTS_IN = "identity-events-in";
    public static final String DIRECTORY_IN = "identity-directory-in";
    public static final String COLLECTORS_IN = "identity-collectors-in";
    public static final String SESSIONS_OUT = "identity-sessions-out";

    private Channels() {}
}
