package io.openjims.support.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class FailuresTest {

    @Test
    void theDatabaseOrNetworkAwayIsTransient() {
        for (String state :
                new String[] {"08006", "40001", "40P01", "53100", "53300", "55P03", "57P01", "58030", "XX000"}) {
            assertThat(Failures.isTransient(new SQLException("x", state)))
                    .as(state)
                    .isTrue();
        }
        assertThat(Failures.isTransient(new SQLTransientConnectionException("pool timeout")))
                .isTrue();
        assertThat(Failures.isTransient(new IOException("broker away"))).isTrue();
        // A broken schema is no record's fault: retried, never dead-lettered.
        assertThat(Failures.isTransient(new SQLException("no such column", "42703")))
                .isTrue();
    }

    @Test
    void aRecordTheDatabaseRefusesIsPermanent() {
        for (String state : new String[] {"22021", "22P02", "22008", "23505", "23514", "54000"}) {
            assertThat(Failures.isTransient(new SQLException("x", state)))
                    .as(state)
                    .isFalse();
        }
        assertThat(Failures.isTransient(new IllegalArgumentException("bad value")))
                .isFalse();
        assertThat(Failures.isTransient(new RuntimeException("wrapped", new SQLException("x", "22021"))))
                .isFalse();
        assertThat(Failures.reason(new SQLException("x", "22021"))).isEqualTo("sql_22021");
        assertThat(Failures.reason(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
}
