package cn.degreehub.filing;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A filed record as the center's staff read it (REVIEWER or ADMIN, docs/operations.md): every field of the data
 * standard as filed (codes of docs/domain-rules.md, "Filing validation"), its status and its history.
 */
@RestController
@RequestMapping("/admin/api/records")
public class RecordController {

    private final DegreeRecords records;

    public RecordController(DegreeRecords records) {
        this.records = records;
    }

    @GetMapping("/{certificateNumber}")
    public Map<String, Object> record(@PathVariable String certificateNumber) {
        DegreeRecords.Detail d = records.detail(certificateNumber.trim().toUpperCase(java.util.Locale.ROOT))
                .orElseThrow(() -> DegreeHubException.notFound("学位记录 " + certificateNumber, "Degree record " + certificateNumber));
        Map<String, Object> fields = new LinkedHashMap<>();
        d.fields().forEach((f, v) -> fields.put(f.name(), v));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("certificateNumber", d.stored().degree().certificateNumber());
        body.put("status", d.stored().status());
        body.put("withheldReason", d.stored().withheldReason());
        body.put("provinceCode", d.stored().provinceCode());
        body.put("semester", d.stored().semester());
        body.put("batchId", d.batchId());
        body.put("version", d.stored().version());
        body.put("fields", fields);
        body.put("history", d.history().stream().map(h -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("action", h.action());
            line.put("actor", h.actor());
            line.put("at", ChinaTime.timestamp(h.at()));
            line.put("changes", h.changes());
            return line;
        }).toList());
        return body;
    }
}
