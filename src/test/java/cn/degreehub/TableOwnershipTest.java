package cn.degreehub;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One table, one owner: the owners are the table "Table owners" in docs/architecture.md, the tables those the
 * migrations create, and only the owning package's code names a table in SQL. Other packages ask the owner
 * (a repository method or an interface the owner implements); the delivery outbox works on the rows its owner
 * hands it ({@code Outbox.Table}).
 */
class TableOwnershipTest {

    static final Path JAVA = Path.of("src/main/java/cn/degreehub");
    static final Pattern SQL_TABLE = Pattern.compile("\\b(?:INSERT INTO|UPDATE|DELETE FROM|MERGE INTO|FROM|JOIN)\\s+(\\w+)");

    @Test
    void everyTableHasOneOwnerInTheDocuments() throws IOException {
        assertThat(owners().keySet()).as("tables in docs/architecture.md \"Table owners\"").isEqualTo(tablesCreated());
    }

    @Test
    void onlyTheOwnerNamesItsTablesInSql() throws IOException {
        Map<String, String> owners = owners();
        List<String> trespasses = new ArrayList<>();
        try (Stream<Path> files = Files.walk(JAVA)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String pkg = JAVA.relativize(file.getParent()).toString().replace('/', '.');
                Matcher m = SQL_TABLE.matcher(Files.readString(file));
                while (m.find()) {
                    String owner = owners.get(m.group(1).toLowerCase());
                    if (owner != null && !owner.equals(pkg)) {
                        trespasses.add(JAVA.relativize(file) + ": " + m.group() + " (owner " + owner + ")");
                    }
                }
            }
        }
        assertThat(trespasses).as("SQL on another package's table").isEmpty();
    }

    @Test
    void theSqlScanSeesTables() throws IOException {
        // guards the scan itself: the owners' own statements are found
        assertThat(SQL_TABLE.matcher(Files.readString(JAVA.resolve("audit/AuditLog.java"))).results()
                .map(r -> r.group(1)).toList()).contains("audit_log");
    }

    static Map<String, String> owners() throws IOException {
        String doc = Files.readString(Path.of("docs/architecture.md"));
        int start = doc.indexOf("## Table owners");
        assertThat(start).as("docs/architecture.md has a section \"Table owners\"").isNotNegative();
        int end = doc.indexOf("\n## ", start + 1);
        Matcher row = Pattern.compile("(?m)^\\| `(\\w+)` \\| `([\\w.]+)` \\|").matcher(doc.substring(start, end < 0 ? doc.length() : end));
        Map<String, String> owners = new TreeMap<>();
        while (row.find()) {
            assertThat(owners.put(row.group(1), row.group(2))).as("one owner for %s", row.group(1)).isNull();
        }
        return owners;
    }

    static Set<String> tablesCreated() throws IOException {
        Set<String> tables = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources/db/migration"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
                Matcher m = Pattern.compile("(?i)CREATE TABLE (\\w+)").matcher(Files.readString(f));
                while (m.find()) {
                    tables.add(m.group(1).toLowerCase());
                }
            }
        }
        return tables;
    }
}
