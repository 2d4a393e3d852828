package io.openjims.query.admin.service;

import io.openjims.model.IdentityText;
import io.openjims.query.admin.model.IgnoreRuleBody;
import io.openjims.query.admin.model.IgnoreRuleView;
import io.openjims.query.admin.repository.IgnoreRuleRepository;
import io.openjims.query.view.service.IgnoreRules;
import io.openjims.support.api.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** Admin-defined ignore rules: validated, unique per kind and pattern; the view reads them in each transaction. */
@ApplicationScoped
public class IgnoreRuleService {

    public static final int MAX_DESCRIPTION = 500;

    private final IgnoreRuleRepository rules;

    public IgnoreRuleService(IgnoreRuleRepository rules) {
        this.rules = rules;
    }

    public Uni<List<IgnoreRuleView>> list() {
        return rules.list();
    }

    public Uni<IgnoreRuleView> get(String id) {
        return rules.find(id).map(found -> found.orElseThrow(() -> notFound(id)));
    }

    public Uni<IgnoreRuleView> create(IgnoreRuleBody body) {
        IgnoreRuleBody valid = valid(body);
        return rules.insert(UUID.randomUUID().toString(), valid.kind(), valid.pattern(), valid.description())
                .map(created -> created.orElseThrow(() -> duplicate(valid)));
    }

    public Uni<IgnoreRuleView> update(String id, IgnoreRuleBody body) {
        IgnoreRuleBody valid = valid(body);
        return rules.update(id, valid.kind(), valid.pattern(), valid.description())
                .onFailure(IgnoreRuleRepository.DuplicateRuleException.class)
                .transform(e -> duplicate(valid))
                .map(updated -> updated.orElseThrow(() -> notFound(id)));
    }

    public Uni<Void> delete(String id) {
        return rules.delete(id).map(deleted -> {
            if (!deleted) {
                throw notFound(id);
            }
            return null;
        });
    }

    /** The body with its pattern in canonical form; 400 naming the problem otherwise. */
    public static IgnoreRuleBody valid(IgnoreRuleBody body) {
        if (body == null) {
            throw ApiException.badRequest(
                    "The body must be a JSON object such as {\"kind\": \"user\", \"pattern\": \"svc-*\"}.");
        }
        String problem = IgnoreRules.problem(body.kind(), body.pattern());
        if (problem != null) {
            throw ApiException.badRequest(problem + ".");
        }
        String description = body.description() == null || body.description().isBlank()
                ? null
                : body.description().trim();
        if (description != null && IdentityText.problem(description, MAX_DESCRIPTION) != null) {
            throw ApiException.badRequest("description must be text of at most " + MAX_DESCRIPTION
                    + " characters without control characters.");
        }
        return new IgnoreRuleBody(body.kind(), IgnoreRules.canonical(body.kind(), body.pattern()), description);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("No ignore rule " + id + ".");
    }

    private static ApiException duplicate(IgnoreRuleBody body) {
        return ApiException.conflict(
                "duplicate_rule",
                "An ignore rule of kind " + body.kind() + " with pattern " + body.pattern() + " exists.");
    }
}
