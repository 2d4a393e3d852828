package io.openjims.push.config;

/** Messaging channel names; their topics come from {@code mp.messaging.*.topic}. */
public final class Channels {

    public static final String COLLECTORS_IN = "identity-collectors-in";

    private Channels() {}
}
