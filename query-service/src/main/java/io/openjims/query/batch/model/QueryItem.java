package io.openjims.query.batch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * One item of an SRX query answer. A logon carries roles and, when known, posture, device and timeout (minutes
 * left); a logoff only says who left which address.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"operation", "ip", "domain", "user", "roles", "posture", "device", "source", "timestamp", "timeout"
})
public record QueryItem(
        String operation,
        String ip,
        String domain,
        String user,
        List<String> roles,
        String posture,
        DeviceItem device,
        String source,
        String timestamp,
        Integer timeout) {

    /** The device behind the address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"identity", "groups", "os"})
    public record DeviceItem(String identity, List<String> groups, String os) {}
}
