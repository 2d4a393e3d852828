package io.openjims.collector.syslog.rules;

/** A rule that cannot be used; the message says what to fix. */
public class InvalidRuleException extends RuntimeException {

    public InvalidRuleException(String message) {
        super(message);
    }
}
