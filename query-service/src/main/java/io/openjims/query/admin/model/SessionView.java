package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.openjims.model.Device;
import java.util.List;

/** An active session as the admin API shows it. */
// snake_case on the wire, as docs/api.md and the openjims tool read it.
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SessionView(
        String ip,
        String domain,
        String user,
        List<String> roles,
        Device device,
        String posture,
        String source,
        String logonAt,
        String expiresAt) {}
