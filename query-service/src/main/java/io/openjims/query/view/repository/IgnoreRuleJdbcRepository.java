package io.openjims.query.view.repository;

import io.openjims.query.view.model.IgnoreRule;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads the ignore rules ({@code query.ignore_rule}) inside a writer's transaction. */
@ApplicationScoped
public class IgnoreRuleJdbcRepository {

    public List<IgnoreRule> all(Connection c) throws SQLException {
        List<IgnoreRule> rules = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, kind, pattern FROM query.ignore_rule ORDER BY id");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rules.add(new IgnoreRule(rs.getString(1), rs.getString(2), rs.getString(3)));
            }
        }
        return rules;
    }
}
