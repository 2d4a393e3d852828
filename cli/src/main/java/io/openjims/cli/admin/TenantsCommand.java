package io.openjims.cli.admin;

import io.openjims.cli.core.ApiCommand;
import io.openjims.cli.core.CliException;
import io.openjims.cli.core.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Tenants of push-service: {@code /api/admin/tenants}. */
@Command(
        name = "tenants",
        mixinStandardHelpOptions = true,
        description = "CSO / Secure Edge tenants of push-service.",
        subcommands = {
            TenantsCommand.Create.class,
            TenantsCommand.ListTenants.class,
            TenantsCommand.Status.class,
            TenantsCommand.SetPassword.class,
            TenantsCommand.Resync.class
        })
public final class TenantsCommand extends GroupCommand {

    static final String PATH = "/api/admin/tenants";
    static final String LIST = "openjims tenants list";

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a tenant; the answer shows its generated username.")
    static final class Create extends ApiCommand {

        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--kind", required = true, description = "cso or secure-edge")
        String kind;

        @Option(names = "--endpoint", required = true, description = "the tenant's HTTPS URL")
        String endpoint;

        @Option(names = "--domain", required = true, description = "a domain it receives (repeatable)")
        List<String> domains;

        @Option(names = "--password-file", description = "file whose first line is the password (else a hidden prompt)")
        Path passwordFile;

        @Option(names = "--tenant-ca-file", description = "PEM CA certificate that signs the tenant's certificate")
        Path tenantCa;

        @Override
        public void run() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("kind", kind);
            body.put("endpoint", endpoint);
            body.put("domains", domains);
            body.put("password", secret(passwordFile, "tenant password", "--password-file"));
            if (tenantCa != null) {
                try {
                    body.put("ca_pem", Files.readString(tenantCa));
                } catch (IOException e) {
                    throw CliException.failed("could not read " + tenantCa + ": " + e.getMessage());
                }
            }
            print(
                    api().expect("creating tenant " + name, Service.PUSH, api().post(Service.PUSH, PATH, body)),
                    new String[0]);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tenants.")
    static final class ListTenants extends ApiCommand {
        @Override
        public void run() {
            print(
                    api().expect("listing tenants", Service.PUSH, api().get(Service.PUSH, PATH)),
                    "id",
                    "name",
                    "kind",
                    "endpoint",
                    "domains",
                    "username");
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "One tenant with its delivery status.")
    static final class Status extends ApiCommand {

        @Parameters(index = "0", paramLabel = "ID|NAME")
        String tenant;

        @Override
        public void run() {
            String id = Lookup.id(api(), Service.PUSH, PATH, tenant, "tenant", LIST);
            print(api().expect("tenant " + tenant, Service.PUSH, api().get(Service.PUSH, PATH + "/" + id)));
        }
    }

    @Command(name = "set-password", mixinStandardHelpOptions = true, description = "Set a tenant's password.")
    static final class SetPassword extends ApiCommand {

        @Parameters(index = "0", paramLabel = "ID|NAME")
        String tenant;

        @Option(names = "--password-file", description = "file whose first line is the password (else a hidden prompt)")
        Path passwordFile;

        @Override
        public void run() {
            String password = secret(passwordFile, "new tenant password", "--password-file");
            String id = Lookup.id(api(), Service.PUSH, PATH, tenant, "tenant", LIST);
            api().expect(
                            "setting the password of " + tenant,
                            Service.PUSH,
                            api().put(
                                            Service.PUSH,
                                            PATH + "/" + id + "/password",
                                            Map.of("password", password, "confirm", password)));
            note("password of tenant " + tenant + " changed");
        }
    }

    @Command(
            name = "resync",
            mixinStandardHelpOptions = true,
            description = "Send a tenant the full state of its domains again.")
    static final class Resync extends ApiCommand {

        @Parameters(index = "0", paramLabel = "ID|NAME")
        String tenant;

        @Override
        public void run() {
            String id = Lookup.id(api(), Service.PUSH, PATH, tenant, "tenant", LIST);
            api().expect(
                            "resync of " + tenant,
                            Service.PUSH,
                            api().post(Service.PUSH, PATH + "/" + id + "/resync", null));
            note("resync of tenant " + tenant + " requested");
        }
    }
}
