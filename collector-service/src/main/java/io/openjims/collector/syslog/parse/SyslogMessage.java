package io.openjims.collector.syslog.parse;

import java.time.Instant;

/**
 * One syslog message as received.
 *
 * @param format which header it carried
 * @param priority PRI value (facility * 8 + severity), or -1 when absent
 * @param timestamp header time, or null when absent or unreadable
 * @param hostname header host name, or null
 * @param appName RFC 5424 APP-NAME or RFC 3164 TAG, or null
 * @param message the MSG part (for {@link SyslogFormat#RAW} the whole line)
 * @param raw the whole line as received, which the rules match against
 */
public record SyslogMessage(
        SyslogFormat format,
        int priority,
        Instant timestamp,
        String hostname,
        String appName,
        String message,
        String raw) {}
