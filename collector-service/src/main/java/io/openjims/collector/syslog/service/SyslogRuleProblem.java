package io.openjims.collector.syslog.service;

/** A rule request that cannot be carried out; status, error code and a message saying what to do. */
public class SyslogRuleProblem extends RuntimeException {

    private final int status;
    private final String code;

    public SyslogRuleProblem(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }
}
