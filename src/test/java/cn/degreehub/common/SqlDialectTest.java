package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class SqlDialectTest {

    @Test
    void productNamesOfTheSupportedDatabases() {
        assertThat(SqlDialect.ofProduct("Oracle")).isEqualTo(SqlDialect.ORACLE);
        assertThat(SqlDialect.ofProduct("H2")).isEqualTo(SqlDialect.ORACLE);
        assertThat(SqlDialect.ofProduct("DM DBMS")).isEqualTo(SqlDialect.ORACLE);
        assertThat(SqlDialect.ofProduct("PostgreSQL")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.ofProduct("KingbaseES")).isEqualTo(SqlDialect.POSTGRESQL);
        assertThat(SqlDialect.ofProduct("openGauss")).isEqualTo(SqlDialect.POSTGRESQL);
    }

    @Test
    void nextValueOfASequence() {
        assertThat(SqlDialect.ORACLE.nextValue("seq_audit_log")).isEqualTo("seq_audit_log.NEXTVAL");
        assertThat(SqlDialect.POSTGRESQL.nextValue("seq_audit_log")).isEqualTo("nextval('seq_audit_log')");
        assertThatThrownBy(() -> SqlDialect.POSTGRESQL.nextValue("x'); DROP TABLE audit_log; --"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsTheDialectFromTheDataSourceAndTakesValues() {
        JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(
                "jdbc:h2:mem:sqldialect;MODE=Oracle;DB_CLOSE_DELAY=-1", "sa", ""));
        jdbc.execute("CREATE SEQUENCE seq_t START WITH 1 INCREMENT BY 1");
        assertThat(SqlDialect.of(jdbc)).isEqualTo(SqlDialect.ORACLE);
        assertThat(SqlDialect.of(jdbc).next(jdbc, "seq_t")).isEqualTo(1L);
        assertThat(SqlDialect.of(jdbc).next(jdbc, "seq_t")).isEqualTo(2L);
    }

    @Test
    void anInsertMeetingItsKeyLeavesTheTransactionUsable() {
        DriverManagerDataSource ds = new DriverManagerDataSource("jdbc:h2:mem:sqldialect2;MODE=Oracle;DB_CLOSE_DELAY=-1", "sa", "");
        JdbcTemplate jdbc = new JdbcTemplate(ds);
        jdbc.execute("CREATE TABLE t (k VARCHAR(10) PRIMARY KEY)");
        assertThat(SqlDialect.insertUnlessPresent(jdbc, "INSERT INTO t (k) VALUES (?)", "a")).isTrue();
        assertThat(SqlDialect.insertUnlessPresent(jdbc, "INSERT INTO t (k) VALUES (?)", "a")).isFalse();
        new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(ds)).executeWithoutResult(s -> {
                    jdbc.update("INSERT INTO t (k) VALUES ('b')");
                    assertThat(SqlDialect.insertUnlessPresent(jdbc, "INSERT INTO t (k) VALUES (?)", "a")).isFalse();
                    assertThat(SqlDialect.insertUnlessPresent(jdbc, "INSERT INTO t (k) VALUES (?)", "c")).isTrue();
                });
        assertThat(jdbc.queryForList("SELECT k FROM t ORDER BY k", String.class)).containsExactly("a", "b", "c");
    }
}
