package io.openjims.collector.config;

/** Messaging channel names; their topics come from {@code mp.messaging.*.topic}. */
public final class Channels {

    public static final String DIRECTORY_OUT = "identity-directory-out";
    public static final String COLLECTORS_OUT = "identity-collectors-out";

    private Channels() {}
}
