package io.openjims.devinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** How to reach a PostgreSQL server over JDBC and with the Vert.x reactive client. */
public record PostgresConnection(String jdbcUrl, String username, String password) {

    /** The same server as a reactive client URL ({@code postgresql://host:port/db}, no query parameters). */
    public String reactiveUrl() {
        String withoutPrefix = jdbcUrl.substring("jdbc:".length());
        int query = withoutPrefix.indexOf('?');
        return query < 0 ? withoutPrefix : withoutPrefix.substring(0, query);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }
}
