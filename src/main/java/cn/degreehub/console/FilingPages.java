package cn.degreehub.console;

import cn.degreehub.common.Masking;
import cn.degreehub.common.UtcTime;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Filings in the console: batches with their receipts and rejected records, withheld records, publication runs (run now: {@link JobPages}). */
@Controller
public class FilingPages {

    private final JdbcTemplate jdbc;

    public FilingPages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Batch(String batchId, String province, String unit, String semester, String channel, Instant receivedAt,
                        int received, int accepted, int rejected) {
    }

    public record Rejection(int index, String certificateNumber, String code, String field, String messageZh,
                            String messageEn) {
    }

    public record Withheld(String certificateNumber, String holderName, String unit, String reason, String detail) {
    }

    public record Run(long id, String triggeredBy, Instant startedAt, int examined, int published, int withheld,
                      String status) {
    }

    @GetMapping("/admin/filings")
    public String filings(@RequestParam(defaultValue = "1") int page, Model model) {
        int p = Math.max(1, page);
        model.addAttribute("batches", jdbc.query("SELECT * FROM filing_batch ORDER BY received_at DESC, batch_id"
                + " OFFSET ? ROWS FETCH NEXT 30 ROWS ONLY", (rs, i) -> new Batch(rs.getString("batch_id"),
                rs.getString("province_code"), rs.getString("unit_code"), rs.getString("semester"), rs.getString("channel"),
                UtcTime.instant(rs.getTimestamp("received_at").toLocalDateTime()), rs.getInt("received"),
                rs.getInt("accepted"), rs.getInt("rejected")), (p - 1) * 30));
        model.addAttribute("total", jdbc.queryForObject("SELECT COUNT(*) FROM filing_batch", Integer.class));
        model.addAttribute("p", p);
        // names masked: the console lists many people; the record itself is one look-up away for those allowed
        model.addAttribute("withheld", jdbc.query("SELECT xwzsbh, xm, xwsydwm, withheld_reason, withheld_detail"
                + " FROM degree_record WHERE status = 'WITHHELD' ORDER BY updated_at DESC FETCH FIRST 100 ROWS ONLY",
                (rs, i) -> new Withheld(rs.getString(1), Masking.name(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getString(5))));
        model.addAttribute("runs", jdbc.query("SELECT * FROM publication_run ORDER BY id DESC FETCH FIRST 10 ROWS ONLY",
                (rs, i) -> new Run(rs.getLong("id"), rs.getString("triggered_by"),
                        UtcTime.instant(rs.getTimestamp("started_at").toLocalDateTime()), rs.getInt("examined"),
                        rs.getInt("published"), rs.getInt("withheld"), rs.getString("status"))));
        model.addAttribute("page", "filings");
        return "console/filings";
    }

    @GetMapping("/admin/filings/{batchId}")
    public String batch(@PathVariable String batchId, Model model) {
        List<Rejection> rejections = jdbc.query("SELECT * FROM filing_rejection WHERE batch_id = ? ORDER BY rec_index",
                (rs, i) -> new Rejection(rs.getInt("rec_index"), rs.getString("xwzsbh"), rs.getString("code"),
                        rs.getString("field"), rs.getString("message_zh"), rs.getString("message_en")), batchId);
        model.addAttribute("batchId", batchId);
        model.addAttribute("rejections", rejections);
        model.addAttribute("page", "filings");
        return "console/filing";
    }
}
