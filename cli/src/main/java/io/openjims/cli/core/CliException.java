package io.openjims.cli.core;

/** A failure the tool reports as one line (no stack trace) with its exit code. */
public final class CliException extends RuntimeException {

    private final int exitCode;

    private CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** Exit code 1: the command ran and failed. */
    public static CliException failed(String message) {
        return new CliException(message, ExitCodes.FAILED);
    }

    /** Exit code 2: the command line was wrong. */
    public static CliException usage(String message) {
        return new CliException(message, ExitCodes.USAGE);
    }

    public int exitCode() {
        return exitCode;
    }
}
