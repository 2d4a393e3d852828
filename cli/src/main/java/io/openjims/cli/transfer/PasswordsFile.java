package io.openjims.cli.transfer;

import io.openjims.cli.core.CliException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A passwords file: one {@code index=password} or {@code section/name=password} per line (the password is
 * everything after the first {@code =}, kept as it is); blank lines and lines starting with {@code #} are skipped.
 * Indexes are the global ones {@code openjims config import --dry-run} lists.
 */
public final class PasswordsFile {

    private PasswordsFile() {}

    /** Passwords by global index; a failure names the line (never its password). */
    public static Map<Integer, String> resolve(List<String> lines, MissingPasswords missing, String source) {
        Map<Integer, String> result = new TreeMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw CliException.failed(
                        source + " line " + number + ": expected index=password or section/name=password");
            }
            String key = line.substring(0, eq).strip();
            String password = line.substring(eq + 1);
            if (password.endsWith("\r")) {
                password = password.substring(0, password.length() - 1);
            }
            if (password.isEmpty()) {
                throw CliException.failed(source + " line " + number + ": the password of " + key + " is empty");
            }
            if (key.chars().allMatch(Character::isDigit)) {
                int index;
                try {
                    index = Integer.parseInt(key);
                } catch (NumberFormatException e) {
                    index = -1;
                }
                if (missing.byIndex(index) == null) {
                    throw CliException.failed(source + " line " + number + ": no missing password has index " + key
                            + (missing.size() == 0 ? " (none is missing)" : " (1.." + missing.size() + ")"));
                }
                result.put(index, password);
                continue;
            }
            int slash = key.indexOf('/');
            if (slash <= 0 || slash == key.length() - 1) {
                throw CliException.failed(
                        source + " line " + number + ": \"" + key + "\" is neither an index nor section/name");
            }
            List<MissingPasswords.Entry> entries = missing.byPath(key.substring(0, slash), key.substring(slash + 1));
            if (entries.isEmpty()) {
                throw CliException.failed(source + " line " + number + ": no missing password for " + key
                        + " (openjims config import FILE --dry-run lists them)");
            }
            java.util.Set<io.openjims.cli.core.Service> services = new java.util.HashSet<>();
            for (MissingPasswords.Entry entry : entries) {
                if (!services.add(entry.service())) {
                    throw CliException.failed(source + " line " + number + ": " + key + " needs several secrets ("
                            + String.join(
                                    ", ",
                                    entries.stream()
                                            .map(MissingPasswords.Entry::type)
                                            .toList())
                            + "): give each by its index (openjims config import FILE --dry-run lists them)");
                }
            }
            for (MissingPasswords.Entry entry : entries) {
                result.put(entry.index(), password);
            }
        }
        return result;
    }
}
