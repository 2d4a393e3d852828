package io.openjims.support.transfer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * The answer to an import: 409 {@code missing_passwords} while secrets are missing (nothing applied), 200 with
 * {@code dry_run} true for a dry run, else 200 with what changed per section.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConfigImportReport(
        String error,
        String message,
        boolean applied,
        @JsonProperty("dry_run") boolean dryRun,
        boolean partial,
        List<String> sections,
        int total,
        int fixed,
        int remaining,
        List<ConfigTransfer.MissingPassword> missing,
        Map<String, ConfigSection.SectionChange> changes) {

    public static ConfigImportReport of(
            ConfigTransfer.ImportPlan plan, Map<String, ConfigSection.SectionChange> changes) {
        boolean blocked = !plan.ready();
        return new ConfigImportReport(
                blocked ? "missing_passwords" : null,
                blocked
                        ? plan.remaining() + " of " + plan.total()
                                + " secrets are missing: send them as \"passwords\": [{\"index\": i, \"password\": ...}]"
                                + " (or the export passphrase); nothing was applied"
                        : null,
                changes != null,
                plan.dryRun(),
                plan.partial(),
                plan.sections(),
                plan.total(),
                plan.fixed(),
                plan.remaining(),
                plan.missing(),
                changes);
    }

    public Response toResponse() {
        return Response.status(error != null ? 409 : 200)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(this)
                .build();
    }
}
