package cn.degreehub.filing;

import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.DegreeLevel;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/** SQL for filing batches, their receipts and the degree records they bring. */
public class FilingRepository {

    public static final String INSERT_RECORD = "INSERT INTO degree_record (batch_id, province_code, semester, "
            + Stream.of(RecordField.values()).map(RecordField::column).collect(Collectors.joining(", "))
            + ", degree_level, status, created_at, updated_at) VALUES ("
            + "?, ".repeat(RecordField.values().length + 3) + "?, 'APPROVED', ?, ?)";

    private final JdbcTemplate jdbc;

    public FilingRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored batch and its counts. */
    public record Batch(String batchId, String provinceCode, String unitCode, String semester, String channel,
                        String submittedBy, Instant receivedAt, int received, int accepted, int rejected) {
    }

    public void insertBatch(Batch b) {
        jdbc.update("INSERT INTO filing_batch (batch_id, province_code, unit_code, semester, channel, submitted_by,"
                        + " received_at, received, accepted, rejected, receipt_sent_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?)",
                b.batchId(), b.provinceCode(), b.unitCode(), b.semester(), b.channel(), b.submittedBy(),
                UtcTime.column(b.receivedAt()),
                // a SOAP batch's receipt is the answer of the call that stored it
                "SOAP".equals(b.channel()) ? UtcTime.column(b.receivedAt()) : null);
    }

    public void finishBatch(String batchId, int received, int accepted, int rejected, Instant storedAt) {
        jdbc.update("UPDATE filing_batch SET received = ?, accepted = ?, rejected = ?, stored_at = ? WHERE batch_id = ?",
                received, accepted, rejected, UtcTime.column(storedAt), batchId);
    }

    /** The receipt of a queue batch is on the receipt queue (SOAP batches are answered in the call). */
    public void markReceiptSent(String batchId, Instant at) {
        jdbc.update("UPDATE filing_batch SET receipt_sent_at = ? WHERE batch_id = ? AND receipt_sent_at IS NULL",
                UtcTime.column(at), batchId);
    }

    /** True once the batch's receipt was put on a transaction about to commit (always for a SOAP batch). */
    public boolean receiptSent(String batchId) {
        return !jdbc.queryForList("SELECT batch_id FROM filing_batch WHERE batch_id = ? AND receipt_sent_at IS NOT NULL",
                String.class, batchId).isEmpty();
    }

    /**
     * Queue batches whose storing ended before {@code storedBefore} with no receipt sent, oldest first (by the end
     * of their storing, not their arrival: a batch that takes long to store is not taken for one without receipt).
     */
    public List<String> batchesAwaitingReceipt(Instant storedBefore, int limit) {
        return jdbc.queryForList("SELECT batch_id FROM filing_batch WHERE channel = 'QUEUE' AND receipt_sent_at IS NULL"
                + " AND stored_at < ? ORDER BY stored_at FETCH FIRST " + limit + " ROWS ONLY", String.class,
                UtcTime.column(storedBefore));
    }

    public Optional<Batch> findBatch(String batchId) {
        return jdbc.query("SELECT * FROM filing_batch WHERE batch_id = ?", (rs, i) -> new Batch(
                rs.getString("batch_id"), rs.getString("province_code"), rs.getString("unit_code"),
                rs.getString("semester"), rs.getString("channel"), rs.getString("submitted_by"),
                UtcTime.instant(rs.getObject("received_at", LocalDateTime.class)), rs.getInt("received"),
                rs.getInt("accepted"), rs.getInt("rejected")), batchId).stream().findFirst();
    }

    public List<Rejection> rejections(String batchId) {
        return jdbc.query("SELECT * FROM filing_rejection WHERE batch_id = ? ORDER BY rec_index",
                (rs, i) -> new Rejection(rs.getInt("rec_index"), rs.getString("xwzsbh"),
                        FaultCode.fromValue(rs.getString("code")), rs.getString("field"),
                        rs.getString("message_zh"), rs.getString("message_en")), batchId);
    }

    /** Which of these certificate numbers are already on file. */
    public Set<String> existingCertificates(Collection<String> numbers) {
        Set<String> found = new HashSet<>();
        List<String> all = new ArrayList<>(numbers);
        for (int from = 0; from < all.size(); from += 500) {
            List<String> part = all.subList(from, Math.min(all.size(), from + 500));
            String in = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            found.addAll(jdbc.queryForList("SELECT xwzsbh FROM degree_record WHERE xwzsbh IN (" + in + ")",
                    String.class, part.toArray()));
        }
        return found;
    }

    public void insertRecords(String batchId, String provinceCode, String semester, List<FiledRecord> records,
                              Instant now) {
        if (records.isEmpty()) {
            return;
        }
        LocalDateTime at = UtcTime.column(now);
        List<Object[]> rows = new ArrayList<>(records.size());
        RecordField[] fields = RecordField.values();
        for (FiledRecord r : records) {
            Object[] row = new Object[fields.length + 6];
            row[0] = batchId;
            row[1] = provinceCode;
            row[2] = semester;
            for (int i = 0; i < fields.length; i++) {
                row[3 + i] = columnValue(fields[i], fields[i].read(r));
            }
            DegreeLevel level = FilingRecordValidator.levelOf(r);
            row[3 + fields.length] = level.name();
            row[4 + fields.length] = at;
            row[5 + fields.length] = at;
            rows.add(row);
        }
        jdbc.batchUpdate(INSERT_RECORD, rows);
    }

    public void insertRejections(String batchId, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("INSERT INTO filing_rejection (batch_id, rec_index, xwzsbh, code, field, message_zh, message_en)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rejections.stream().map(r -> new Object[] {batchId, r.index(), clip(r.xwzsbh(), 40), r.code().value(),
                        r.field(), clip(r.messageZh(), 400), clip(r.messageEn(), 400)}).toList());
    }

    public static Object columnValue(RecordField field, String value) {
        if (value == null) {
            return null;
        }
        return field.kind() == RecordField.Kind.DATE ? Date.valueOf(FilingRecordValidator.parseDate(value)) : value;
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }

    /** Batches newest first, one page of them. */
    public List<Batch> batches(int offset, int size) {
        return jdbc.query("SELECT * FROM filing_batch ORDER BY received_at DESC, batch_id OFFSET ? ROWS FETCH NEXT ? ROWS ONLY",
                (rs, i) -> new Batch(rs.getString("batch_id"), rs.getString("province_code"), rs.getString("unit_code"),
                        rs.getString("semester"), rs.getString("channel"), rs.getString("submitted_by"),
                        UtcTime.instant(rs.getObject("received_at", LocalDateTime.class)), rs.getInt("received"),
                        rs.getInt("accepted"), rs.getInt("rejected")), offset, size);
    }

    public int countBatches() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM filing_batch", Integer.class);
    }

    /** Batches received since an instant and their records' counts. */
    public record Totals(int batches, int accepted, int rejected) {
    }

    public Totals totalsSince(Instant since) {
        return jdbc.queryForObject("SELECT COUNT(*), COALESCE(SUM(accepted), 0), COALESCE(SUM(rejected), 0)"
                + " FROM filing_batch WHERE received_at >= ?", (rs, i) -> new Totals(rs.getInt(1), rs.getInt(2),
                rs.getInt(3)), UtcTime.column(since));
    }
}
