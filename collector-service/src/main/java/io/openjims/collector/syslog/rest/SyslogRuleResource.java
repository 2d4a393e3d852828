package io.openjims.collector.syslog.rest;

import io.openjims.collector.syslog.rules.RuleDefinition;
import io.openjims.collector.syslog.rules.RuleResult;
import io.openjims.collector.syslog.service.StoredRule;
import io.openjims.collector.syslog.service.SyslogRuleProblem;
import io.openjims.collector.syslog.service.SyslogRules;
import io.openjims.support.api.ErrorBody;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Admin API for syslog parsing rules ({@code /api/admin/syslog-rules}); role {@code admin}. */
@Path("/api/admin/syslog-rules")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SyslogRuleResource {

    private static final int MAX_LINE = 65536;

    private final SyslogRules rules;

    public SyslogRuleResource(SyslogRules rules) {
        this.rules = rules;
    }

    @GET
    public Uni<List<SyslogRuleResponse>> list() {
        return rules.list().map(all -> all.stream().map(this::response).toList());
    }

    @GET
    @Path("{id}")
    public Uni<SyslogRuleResponse> get(@PathParam("id") String id) {
        return rules.get(uuid(id)).map(this::response);
    }

    @POST
    public Uni<Response> create(SyslogRuleRequest request) {
        RuleDefinition definition = definition(request, 0);
        return rules.create(definition, request.position() != null)
                .map(stored -> Response.created(URI.create("/api/admin/syslog-rules/" + stored.id()))
                        .entity(response(stored))
                        .build());
    }

    @PUT
    @Path("{id}")
    public Uni<SyslogRuleResponse> update(@PathParam("id") String id, SyslogRuleRequest request) {
        requireBody(request);
        return rules.update(uuid(id), current -> {
                    RuleDefinition wanted = definition(request, current.position());
                    return new RuleDefinition(
                            wanted.name(),
                            wanted.operation(),
                            wanted.conditionType(),
                            wanted.condition(),
                            wanted.pattern(),
                            wanted.exclude(),
                            wanted.skipUsers(),
                            request.position() == null ? current.position() : request.position(),
                            request.enabled() == null ? current.enabled() : request.enabled());
                })
                .map(this::response);
    }

    @DELETE
    @Path("{id}")
    public Uni<Response> delete(@PathParam("id") String id) {
        return rules.delete(uuid(id)).map(ignored -> Response.noContent().build());
    }

    /** Shows what a sample line yields, without publishing or remembering anything. */
    @POST
    @Path("test")
    public SyslogRuleTestResponse test(SyslogRuleTestRequest request) {
        if (request == null || request.line() == null || request.line().isEmpty()) {
            throw new SyslogRuleProblem(400, "invalid_request", "Send {\"line\": \"<a syslog line>\"}.");
        }
        if (request.line().length() > MAX_LINE) {
            throw new SyslogRuleProblem(400, "invalid_request", "line is longer than " + MAX_LINE + " characters.");
        }
        RuleDefinition only = request.rule() == null ? null : definition(request.rule(), 0);
        String sender = request.sender() == null || request.sender().isBlank() ? "127.0.0.1" : request.sender();
        SyslogRules.TrialResult trial = rules.trial(request.line(), sender, only);
        RuleResult result = trial.result();
        SyslogRuleTestResponse.Event event = result.identity() == null
                ? null
                : new SyslogRuleTestResponse.Event(
                        result.identity().operation(),
                        result.identity().user(),
                        result.identity().domain(),
                        result.identity().ip(),
                        result.identity().device(),
                        result.identity().timestamp());
        return new SyslogRuleTestResponse(
                trial.message().format().name().toLowerCase(Locale.ROOT),
                trial.message().hostname(),
                trial.message().appName(),
                trial.message().timestamp(),
                result.outcome(),
                result.rule(),
                result.reason(),
                result.detail(),
                event);
    }

    private SyslogRuleResponse response(StoredRule rule) {
        return SyslogRuleResponse.of(
                rule, rules.disabledBecause(rule.definition().name()));
    }

    @ServerExceptionMapper
    public Response problem(SyslogRuleProblem problem) {
        return Response.status(problem.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(new ErrorBody(problem.code(), problem.getMessage()))
                .build();
    }

    private static RuleDefinition definition(SyslogRuleRequest request, int defaultPosition) {
        requireBody(request);
        return request.toDefinition(defaultPosition);
    }

    private static void requireBody(SyslogRuleRequest request) {
        if (request == null) {
            throw new SyslogRuleProblem(
                    400,
                    "invalid_rule",
                    "Send a rule: {\"name\", \"operation\": \"logon\"|\"logoff\", \"condition\", \"pattern\", ...}.");
        }
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new SyslogRuleProblem(404, "not_found", "No syslog rule with id " + id + "; list them with GET.");
        }
    }
}
