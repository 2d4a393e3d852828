package io.openjims.model.contract;

import java.util.List;

/**
 * The producer kinds a collector stamps on events ({@code EventSource.producerKind}); the view's per-source timeouts
 * and source precedence name them.
 */
public final class SourceKinds {

    public static final String RADIUS = "radius";
    public static final String SRX_WEBAPI = "srx-webapi";
    public static final String PAN_USERID = "pan-userid";
    public static final String JSON = "json";
    public static final String SYSLOG = "syslog";

    /** Every kind, strongest first: the default source precedence. */
    public static final List<String> ALL = List.of(RADIUS, SRX_WEBAPI, PAN_USERID, JSON, SYSLOG);

    private SourceKinds() {}

    public static boolean known(String kind) {
        return ALL.contains(kind);
    }
}
