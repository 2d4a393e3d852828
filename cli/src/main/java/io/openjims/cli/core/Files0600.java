package io.openjims.cli.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Files only their owner may read: written to a 0600 temporary file beside the target, then moved in place. */
public final class Files0600 {

    private Files0600() {}

    public static void write(Path target, String content) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        try {
            Files.createDirectories(dir);
            Path temp;
            try {
                temp = Files.createTempFile(
                        dir,
                        ".openjims",
                        ".tmp",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                temp = Files.createTempFile(dir, ".openjims", ".tmp");
            }
            try {
                Files.writeString(temp, content, StandardCharsets.UTF_8);
                try {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (FileAlreadyExistsException e) {
            throw CliException.failed("could not write " + target + ": " + e.getMessage());
        } catch (IOException e) {
            throw CliException.failed("could not write " + target + ": " + e.getMessage());
        }
    }

    /** The first line of a secret file (passphrase, client secret, password) without its line end. */
    public static String firstLine(Path file, String what) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw CliException.failed(what + " file " + file + " is empty: put the " + what + " on its first line");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw CliException.failed("could not read the " + what + " file " + file + ": " + e.getMessage());
        }
    }
}
