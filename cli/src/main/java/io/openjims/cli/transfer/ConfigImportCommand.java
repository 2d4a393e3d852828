package io.openjims.cli.transfer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Files0600;
import io.openjims.cli.core.Json;
import io.openjims.cli.core.Output;
import io.openjims.cli.core.Service;
import io.openjims.cli.core.Terminal;
import io.openjims.cli.session.Api;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Imports a bundle: each service checks its part first (a dry run), the missing passwords of all services become one
 * list with global indexes, given by {@code --passwords-file} or typed at hidden prompts; the import is applied only
 * when no service reports a missing password.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = "Import a file written by openjims config export. Every section is replaced by the file's"
                + " (a partial import with --sections replaces only those). Missing passwords are asked for on a"
                + " terminal, else read from --passwords-file.")
public final class ConfigImportCommand extends ApiCommand {

    static final String PATH = "/api/admin/config/import";
    private static final int BAR_WIDTH = 20;

    @Parameters(index = "0", paramLabel = "FILE", description = "the exported file")
    Path file;

    @Option(
            names = "--sections",
            split = ",",
            paramLabel = "SECTION",
            description = "import only these sections (e.g. directories, or query.settings); needs --accept-warning")
    List<String> sections;

    @Option(
            names = "--accept-warning",
            description = "confirm that a partial import replaces the chosen sections entirely")
    boolean acceptWarning;

    @Option(names = "--dry-run", description = "only report what the import needs and would change")
    boolean dryRun;

    @Option(names = "--passphrase-file", description = "file whose first line is the export passphrase")
    Path passphraseFile;

    @Option(
            names = "--passwords-file",
            description = "missing passwords, one per line: index=password or section/name=password")
    Path passwordsFile;

    @Override
    public void run() {
        if (sections != null && !sections.isEmpty() && !acceptWarning) {
            throw CliException.usage("a partial import replaces " + String.join(", ", sections)
                    + " entirely and leaves every other section as it is: add --accept-warning to confirm");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliException.failed("could not read " + file + ": " + e.getMessage());
        }
        Bundle bundle = Bundle.parse(text, file.toString());
        Map<Service, List<String>> chosen = new EnumMap<>(Service.class);
        boolean partial = sections != null && !sections.isEmpty();
        if (partial) {
            chosen.putAll(SectionChoice.choose(bundle, sections));
        } else {
            bundle.documents().keySet().forEach(service -> chosen.put(service, null));
        }
        String passphrase = passphraseFile == null ? null : Files0600.firstLine(passphraseFile, "passphrase");
        Api api = api();

        // 1. Each service checks its part and lists what it is missing.
        Map<Service, JsonNode> first = new EnumMap<>(Service.class);
        for (Map.Entry<Service, List<String>> part : chosen.entrySet()) {
            first.put(part.getKey(), report(api, bundle, part.getKey(), part.getValue(), passphrase, List.of(), true));
        }
        MissingPasswords missing = MissingPasswords.merge(first);

        // 2. The passwords: from the file, then (on a terminal) prompts for the rest.
        Map<Integer, String> given = new TreeMap<>();
        if (passwordsFile != null) {
            List<String> lines;
            try {
                lines = Files.readAllLines(passwordsFile, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw CliException.failed("could not read the passwords file " + passwordsFile + ": " + e.getMessage());
            }
            given.putAll(PasswordsFile.resolve(lines, missing, passwordsFile.toString()));
        }
        Terminal terminal = context().terminal();
        if (!dryRun && given.size() < missing.size() && terminal.interactive()) {
            prompt(terminal, missing, given);
        }

        if (dryRun) {
            Map<Service, JsonNode> checked =
                    given.isEmpty() ? first : check(api, bundle, chosen, passphrase, missing, given);
            printDryRun(missing, given, checked);
            return;
        }
        if (given.size() < missing.size()) {
            printMissing(missing, given);
            throw CliException.failed((missing.size() - given.size()) + " of " + missing.size()
                    + " passwords are missing, nothing was imported: pass --passwords-file F (lines index=password or"
                    + " section/name=password), or run on a terminal to be asked");
        }

        // 3. Every service must now report nothing missing, then each applies its part.
        Map<Service, JsonNode> checked = check(api, bundle, chosen, passphrase, missing, given);
        for (Map.Entry<Service, JsonNode> report : checked.entrySet()) {
            if (report.getValue().path("remaining").asInt() != 0) {
                throw CliException.failed(report.getKey().display() + " still reports "
                        + report.getValue().path("remaining").asInt() + " missing passwords; nothing was imported");
            }
        }
        Map<Service, JsonNode> applied = send(api, bundle, chosen, passphrase, missing, given, false);
        printApplied(applied, partial);
    }

    private Map<Service, JsonNode> check(
            Api api,
            Bundle bundle,
            Map<Service, List<String>> chosen,
            String passphrase,
            MissingPasswords missing,
            Map<Integer, String> given) {
        return send(api, bundle, chosen, passphrase, missing, given, true);
    }

    /** Each service's report in turn; a failure after a service applied its part names what was imported. */
    private Map<Service, JsonNode> send(
            Api api,
            Bundle bundle,
            Map<Service, List<String>> chosen,
            String passphrase,
            MissingPasswords missing,
            Map<Integer, String> given,
            boolean dry) {
        Map<Service, List<Map<String, Object>>> passwords = missing.perService(given);
        Map<Service, JsonNode> reports = new EnumMap<>(Service.class);
        for (Map.Entry<Service, List<String>> part : chosen.entrySet()) {
            Service service = part.getKey();
            try {
                reports.put(
                        service,
                        report(
                                api,
                                bundle,
                                service,
                                part.getValue(),
                                passphrase,
                                passwords.getOrDefault(service, List.of()),
                                dry));
            } catch (CliException e) {
                if (!dry && !reports.isEmpty()) {
                    throw CliException.failed(e.getMessage().replace("; nothing was imported", "")
                            + " (already imported: "
                            + String.join(
                                    ", ",
                                    reports.keySet().stream()
                                            .map(Service::display)
                                            .toList())
                            + ")");
                }
                throw e;
            }
        }
        return reports;
    }

    /** One service's import report (200, or 409 while passwords are missing); a refusal fails with its message. */
    private JsonNode report(
            Api api,
            Bundle bundle,
            Service service,
            List<String> names,
            String passphrase,
            List<Map<String, Object>> passwords,
            boolean dry) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("document", bundle.documents().get(service));
        if (names != null) {
            body.put("sections", names);
            body.put("accept_partial", true);
        }
        if (passphrase != null) {
            body.put("passphrase", passphrase);
        }
        if (!passwords.isEmpty()) {
            body.put("passwords", passwords);
        }
        body.put("dry_run", dry);
        Api.Answer answer = api.post(service, PATH, body);
        if (answer.status() == 200 || (answer.status() == 409 && "missing_passwords".equals(answer.errorCode()))) {
            return answer.json();
        }
        if (answer.status() == 400) {
            throw CliException.failed(service.display() + " refused " + file + ": " + answer.errorMessage()
                    + (answer.errorCode() == null ? "" : " (" + answer.errorCode() + ")") + "; nothing was imported");
        }
        if (answer.status() == 404 && answer.errorCode() == null) {
            throw CliException.failed(service.display() + " at " + api.session().url(service)
                    + " has no configuration import (404 for " + PATH + "): update it, or check the URL");
        }
        api.expect("configuration import", service, answer);
        return answer.json();
    }

    /** Asks for each password not given yet, hidden, with Total / Fixed / Remaining. */
    private void prompt(Terminal terminal, MissingPasswords missing, Map<Integer, String> given) {
        int total = missing.size();
        out().println(total + " passwords are needed before the import can start.");
        for (MissingPasswords.Entry entry : missing.entries()) {
            if (given.containsKey(entry.index())) {
                continue;
            }
            out().println(ProgressBar.render(total, given.size(), BAR_WIDTH));
            out().println("#" + entry.index() + " " + entry.describe());
            out().flush();
            char[] typed = null;
            for (int attempt = 0; attempt < 3 && (typed == null || typed.length == 0); attempt++) {
                typed = terminal.readHidden("password for #" + entry.index() + ": ");
                if (typed == null) {
                    throw CliException.failed("input ended before every password was given; nothing was imported");
                }
            }
            if (typed.length == 0) {
                throw CliException.failed("no password given for #" + entry.index() + "; nothing was imported");
            }
            given.put(entry.index(), new String(typed));
        }
        out().println(ProgressBar.render(total, given.size(), BAR_WIDTH));
        out().flush();
    }

    private void printMissing(MissingPasswords missing, Map<Integer, String> given) {
        if (output == Output.Format.json) {
            return;
        }
        out().println("missing passwords (" + ProgressBar.render(missing.size(), given.size(), BAR_WIDTH) + "):");
        for (MissingPasswords.Entry entry : missing.entries()) {
            out().println("  " + (given.containsKey(entry.index()) ? "[fixed] " : "") + entry.index() + "  "
                    + entry.describe());
        }
        out().flush();
    }

    private void printDryRun(MissingPasswords missing, Map<Integer, String> given, Map<Service, JsonNode> reports) {
        if (output == Output.Format.json) {
            ObjectNode root = Json.object();
            root.put("dry_run", true);
            root.put("total", missing.size());
            root.put("fixed", given.size());
            root.put("remaining", missing.size() - given.size());
            ArrayNode list = root.putArray("missing");
            for (MissingPasswords.Entry entry : missing.entries()) {
                ObjectNode item = list.addObject();
                item.put("index", entry.index());
                item.put("service", entry.service().key());
                item.put("section", entry.section());
                item.put("type", entry.type());
                item.put("name", entry.name());
                item.put("username", entry.username());
                item.put("used_for", entry.usedFor());
                item.put("fixed", given.containsKey(entry.index()));
            }
            ObjectNode services = root.putObject("services");
            reports.forEach((service, report) -> services.set(service.key(), report));
            out().println(Json.pretty(root));
            out().flush();
            return;
        }
        for (Map.Entry<Service, JsonNode> report : reports.entrySet()) {
            List<String> names = new ArrayList<>();
            report.getValue().path("sections").forEach(n -> names.add(n.asText()));
            out().println(report.getKey().display() + ": would replace " + String.join(", ", names));
        }
        if (missing.size() == 0) {
            out().println("no password is missing; the import can run");
        } else {
            printMissing(missing, given);
            if (given.size() < missing.size()) {
                out().println("give them with --passwords-file F (lines index=password or section/name=password)");
            }
        }
        out().println("dry run: nothing was imported");
        out().flush();
    }

    private void printApplied(Map<Service, JsonNode> applied, boolean partial) {
        if (output == Output.Format.json) {
            ObjectNode root = Json.object();
            root.put("applied", true);
            root.put("partial", partial);
            ObjectNode services = root.putObject("services");
            applied.forEach((service, report) -> services.set(service.key(), report));
            out().println(Json.pretty(root));
            out().flush();
            return;
        }
        for (Map.Entry<Service, JsonNode> report : applied.entrySet()) {
            JsonNode changes = report.getValue().path("changes");
            for (Iterator<Map.Entry<String, JsonNode>> it = changes.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> change = it.next();
                out().println(report.getKey().key() + " " + change.getKey() + ": "
                        + change.getValue().path("added").asInt() + " added, "
                        + change.getValue().path("replaced").asInt() + " replaced, "
                        + change.getValue().path("removed").asInt() + " removed");
            }
        }
        out().println("imported" + (partial ? " (partial)" : "") + " into "
                + String.join(
                        ", ", applied.keySet().stream().map(Service::display).toList()));
        out().flush();
    }
}
