package io.openjims.collector.syslog.rules;

/** A rule pattern's match in one message: the values of its named groups. */
interface RuleMatch {

    /** The group's value, or null when it did not take part. */
    String group(String name);
}
