package cn.degreehub.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import java.sql.Savepoint;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The SQL that differs between the databases the hub runs on, in one place. Everything else the hub sends is
 * written to run unchanged on all of them (standard {@code OFFSET ... FETCH}, {@code COALESCE}, no {@code MERGE},
 * no empty strings). Known per {@link DataSource} from its metadata, read once.
 * <ul>
 * <li>{@link #ORACLE}: Oracle, DM, and H2 in Oracle mode (the demo): {@code seq.NEXTVAL}, {@code FROM dual}.</li>
 * <li>{@link #POSTGRESQL}: PostgreSQL and the PostgreSQL family (KingbaseES, openGauss, HighGo):
 * {@code nextval('seq')}.</li>
 * </ul>
 */
public enum SqlDialect {
    ORACLE {
        @Override
        public String nextValue(String sequence) {
            return checked(sequence) + ".NEXTVAL";
        }

        @Override
        String selectNextValue(String sequence) {
            return "SELECT " + nextValue(sequence) + " FROM dual";
        }
    },
    POSTGRESQL {
        @Override
        public String nextValue(String sequence) {
            return "nextval('" + checked(sequence) + "')";
        }

        @Override
        String selectNextValue(String sequence) {
            return "SELECT " + nextValue(sequence);
        }
    };

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Map<DataSource, SqlDialect> KNOWN = new WeakHashMap<>();

    /** The SQL expression that takes the next value of {@code sequence}, for an INSERT's VALUES. */
    public abstract String nextValue(String sequence);

    abstract String selectNextValue(String sequence);

    /** Takes the next value of {@code sequence}. */
    public long next(JdbcTemplate jdbc, String sequence) {
        Long value = jdbc.queryForObject(selectNextValue(sequence), Long.class);
        if (value == null) {
            throw new IllegalStateException("Sequence " + sequence + " gave no value");
        }
        return value;
    }

    /**
     * Runs an INSERT that may hit a unique key already there: false then, and the caller's transaction, if any, goes
     * on. (Oracle and H2 undo just the failed statement; PostgreSQL fails the whole transaction from then on, so
     * the statement runs after a savepoint that is rolled back on the duplicate.)
     */
    public static boolean insertUnlessPresent(JdbcTemplate jdbc, String insert, Object... args) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            return insertOrFalse(jdbc, insert, args);
        }
        DataSource dataSource = jdbc.getDataSource();
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            if (c.getAutoCommit()) {
                return insertOrFalse(jdbc, insert, args);
            }
            Savepoint before = c.setSavepoint();
            try {
                jdbc.update(insert, args);
            } catch (DuplicateKeyException e) {
                c.rollback(before);
                return false;
            }
            c.releaseSavepoint(before);
            return true;
        } catch (SQLException e) {
            throw new IllegalStateException("Savepoint around an insert failed", e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
    }

    private static boolean insertOrFalse(JdbcTemplate jdbc, String insert, Object... args) {
        try {
            jdbc.update(insert, args);
            return true;
        } catch (DuplicateKeyException e) {
            return false;
        }
    }

    /** The dialect of the database behind {@code jdbc}. */
    public static SqlDialect of(JdbcTemplate jdbc) {
        DataSource dataSource = jdbc.getDataSource();
        if (dataSource == null) {
            throw new IllegalStateException("JdbcTemplate without a DataSource");
        }
        synchronized (KNOWN) {
            SqlDialect known = KNOWN.get(dataSource);
            if (known != null) {
                return known;
            }
        }
        SqlDialect dialect;
        Connection c = DataSourceUtils.getConnection(dataSource);
        try {
            dialect = ofProduct(c.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the database's product name", e);
        } finally {
            DataSourceUtils.releaseConnection(c, dataSource);
        }
        synchronized (KNOWN) {
            KNOWN.put(dataSource, dialect);
        }
        return dialect;
    }

    /**
     * From JDBC's {@code getDatabaseProductName()}: "Oracle", "H2" (always run in Oracle mode), "DM DBMS" are
     * Oracle-like; "PostgreSQL", "KingbaseES", "openGauss", "Highgo..." and any other are PostgreSQL-like.
     */
    static SqlDialect ofProduct(String productName) {
        String p = productName == null ? "" : productName.trim().toLowerCase(Locale.ROOT);
        if (p.startsWith("oracle") || p.equals("h2") || p.startsWith("dm")) {
            return ORACLE;
        }
        return POSTGRESQL;
    }

    private static String checked(String sequence) {
        if (!NAME.matcher(sequence).matches()) {
            throw new IllegalArgumentException("Not a sequence name: " + sequence);
        }
        return sequence;
    }
}
