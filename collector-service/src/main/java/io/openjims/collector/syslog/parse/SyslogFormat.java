package io.openjims.collector.syslog.parse;

/** Which header a syslog message carried. */
public enum SyslogFormat {
    /** RFC 5424: {@code <PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG}. */
    RFC5424,
    /** RFC 3164 (BSD): {@code <PRI>Mmm dd hh:mm:ss HOST TAG: MSG}. */
    RFC3164,
    /** Neither: the whole line is offered to the rules as raw text. */
    RAW
}
