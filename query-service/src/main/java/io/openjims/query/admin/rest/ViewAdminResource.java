package io.openjims.query.admin.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.openjims.model.contract.IpAddresses;
import io.openjims.model.contract.SessionTimeouts;
import io.openjims.query.admin.model.EndedSession;
import io.openjims.query.admin.model.ExplainAnswer;
import io.openjims.query.admin.model.HistoryAnswer;
import io.openjims.query.admin.model.SessionPage;
import io.openjims.query.admin.model.SettingsBody;
import io.openjims.query.admin.model.StatsResponse;
import io.openjims.query.admin.service.ViewAdminService;
import io.openjims.query.view.service.SessionEndService;
import io.openjims.support.api.ApiException;
import io.openjims.support.api.ErrorBody;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Admin view of the materialized view: stats, sessions, address history, settings (role admin). */
@Path("/api/admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
@Tag(name = "Query admin")
public class ViewAdminResource {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ViewAdminService service;
    private final SessionEndService sessionEnd;

    public ViewAdminResource(ViewAdminService service, SessionEndService sessionEnd) {
        this.service = service;
        this.sessionEnd = sessionEnd;
    }

    @GET
    @Path("stats")
    @Operation(summary = "Counts: known domains, directory users, devices and groups, active sessions")
    public Uni<StatsResponse> stats() {
        return service.stats();
    }

    @GET
    @Path("sessions")
    @Operation(
            summary = "Search active sessions",
            description = "ip: address or CIDR prefix; user: account name, case-insensitive, * as wildcard;"
                    + " domain: DNS name or NetBIOS/UPN alias. Paged (page from 0, size 1..500), newest logon first.")
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SessionPage> sessions(
            @QueryParam("ip") String ip,
            @QueryParam("user") String user,
            @QueryParam("domain") String domain,
            @QueryParam("page") @DefaultValue("0") String page,
            @QueryParam("size") @DefaultValue("50") String size) {
        return Uni.createFrom()
                .deferred(() -> service.sessions(ip, user, domain, integer("page", page), integer("size", size)));
    }

    @DELETE
    @Path("sessions/{ip}")
    @Blocking
    @Operation(
            summary = "End the session of an address",
            description = "Ends the active session at once: SRX devices and tenants receive a logoff with source"
                    + " admin. A later event dated before this moment does not bring it back.")
    @APIResponse(
            responseCode = "404",
            description = "not_found: no active session at this address",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(
            responseCode = "400",
            description = "invalid_request: not an IPv4 or IPv6 address",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public EndedSession endSession(@PathParam("ip") String ipText, @Context SecurityContext security)
            throws SQLException {
        String ip = IpAddresses.canonicalOrNull(ipText);
        if (ip == null) {
            throw ApiException.badRequest("ip must be an IPv4 or IPv6 address.");
        }
        String admin = security.getUserPrincipal() == null
                ? null
                : security.getUserPrincipal().getName();
        return sessionEnd
                .end(ip, admin)
                .map(s -> new EndedSession(ip, s.domain(), s.user(), true))
                .orElseThrow(() -> ApiException.notFound("No active session at " + ip + "."));
    }

    @GET
    @Path("sessions/{ip}/explain")
    @Operation(
            summary = "Why an address maps to whom",
            description = "The current mapping of the address and its recent events (newest first, at most"
                    + " openjims.query.view.decisions-per-address), each with the rule the view applied: accepted,"
                    + " replaced, ignored (detail: the ignore rule), held (detail: the stronger source), expired,"
                    + " ended, unchanged (detail: older, other_user, other_session, no_session, expired_on_arrival).")
    @APIResponse(
            responseCode = "400",
            description = "invalid_request: not an IPv4 or IPv6 address",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ExplainAnswer> explain(@PathParam("ip") String ip) {
        return Uni.createFrom().deferred(() -> service.explain(ip));
    }

    @GET
    @Path("history")
    @Operation(
            summary = "Who held an address at a time",
            description = "From the retained change log: the entry at ip at time at (RFC 3339); held=false when"
                    + " nobody held it.")
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<HistoryAnswer> history(@QueryParam("ip") String ip, @QueryParam("at") String at) {
        return Uni.createFrom().deferred(() -> service.history(ip, at));
    }

    @GET
    @Path("settings")
    @Operation(
            summary = "Runtime settings: session_timeout_minutes and source_timeout_minutes",
            description = "Timeouts are 0 (never expire) or 10..1440 minutes, as on the SRX JIMS profile.")
    public Uni<SettingsBody> settings() {
        return service.settings();
    }

    @PUT
    @Path("settings")
    @Consumes(MediaType.WILDCARD)
    @Operation(
            summary = "Change the default session timeouts",
            description = "session_timeout_minutes (0: never expire, else 10..1440) applies to sessions without a"
                    + " timeout of their own, counted from their last logon; source_timeout_minutes (optional, e.g."
                    + " {\"radius\": 480}) overrides it per source kind (radius, srx-webapi, pan-userid, json,"
                    + " syslog). The body replaces both.")
    @APIResponse(
            responseCode = "400",
            description = "invalid_request",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<SettingsBody> updateSettings(String body) {
        return Uni.createFrom().deferred(() -> service.updateSettings(parseSettings(body)));
    }

    private static SettingsBody parseSettings(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (Exception e) {
            throw ApiException.badRequest("The body is not valid JSON; send {\"session_timeout_minutes\": 1440}.");
        }
        if (root == null || !root.isObject()) {
            throw ApiException.badRequest(
                    "The body must be a JSON object such as {\"session_timeout_minutes\": 1440}.");
        }
        JsonNode minutes = root.get("session_timeout_minutes");
        Integer value = null;
        if (minutes != null && !minutes.isNull()) {
            if (!minutes.isIntegralNumber() || !minutes.canConvertToInt()) {
                throw ApiException.badRequest(
                        "session_timeout_minutes must be an integer: " + SessionTimeouts.RULE + ".");
            }
            value = minutes.asInt();
        }
        Map<String, Integer> bySource = new TreeMap<>();
        JsonNode sources = root.get("source_timeout_minutes");
        if (sources != null && !sources.isNull()) {
            if (!sources.isObject()) {
                throw ApiException.badRequest(
                        "source_timeout_minutes must be an object of source kind to minutes, such as {\"radius\": 480}.");
            }
            for (var e : sources.properties()) {
                if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToInt()) {
                    throw ApiException.badRequest("source_timeout_minutes." + e.getKey() + " must be an integer: "
                            + SessionTimeouts.RULE + ".");
                }
                bySource.put(e.getKey(), e.getValue().asInt());
            }
        }
        return new SettingsBody(value, bySource);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest(name + " must be an integer.");
        }
    }
}
