package io.openjims.collector.directory.ldap;

/** A directory could not be read; the message says why in words an admin can act on (never a password). */
public class DirectoryFailure extends Exception {

    public DirectoryFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public DirectoryFailure(String message) {
        super(message);
    }
}
