package cn.degreehub.support;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** One database, as the nodes of a cluster share it: H2 in memory (Oracle mode), migrated like the hub's. */
public final class ClusterDatabase {

    private ClusterDatabase() {
    }

    public static DataSource migrated(String name) {
        DriverManagerDataSource db = new DriverManagerDataSource(
                "jdbc:h2:mem:" + name + ";MODE=Oracle;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure().dataSource(db).locations("classpath:db/migration/common", "classpath:db/migration/oracle-compatible")
                .load().migrate();
        return db;
    }
}
