package io.openjims.query.admin.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.openjims.model.Device;
import java.util.List;

/** An active session as the admin API shows it. */
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
