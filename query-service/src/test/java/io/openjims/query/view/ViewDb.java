package io.openjims.query.view;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/** Plain SQL reads of the view for assertions. */
public final class ViewDb {

    private ViewDb() {}

    public static List<Map<String, Object>> query(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        if (v instanceof Array a) {
                            v = Arrays.asList((Object[]) a.getArray());
                        }
                        row.put(md.getColumnLabel(i), v);
                    }
                    rows.add(row);
                }
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The active session at an IP, or null. */
    public static Map<String, Object> active(DataSource ds, String ip) {
        var rows = query(ds, "SELECT * FROM query.session WHERE ip = ? AND active", ip);
        return rows.isEmpty() ? null : rows.get(0);
    }

    /** Changes of an IP in sequence order, as "operation:user". */
    public static List<String> changes(DataSource ds, String ip) {
        return query(ds, "SELECT operation, user_name FROM query.change_log WHERE ip = ? ORDER BY seq", ip).stream()
                .map(r -> r.get("operation") + ":" + r.get("user_name"))
                .toList();
    }

    /** Runs one statement; returns the rows it changed. */
    public static int update(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static long count(DataSource ds, String sql, Object... args) {
        return ((Number) query(ds, sql, args).get(0).values().iterator().next()).longValue();
    }
}
