package cn.degreehub.console;

import cn.degreehub.common.Masking;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.FilingRepository;
import cn.degreehub.publication.Publication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** Filings in the console: batches with their receipts and rejected records, withheld records, publication runs (run now: {@link JobPages}). */
@Controller
public class FilingPages {

    private final FilingRepository batches;
    private final DegreeRecords records;
    private final Publication publication;
    private final cn.degreehub.publication.PublicationSchedule schedule;
    private final cn.degreehub.publication.CorrectionCycle corrections;
    private final cn.degreehub.publication.WithheldFeedbackPush feedback;

    public FilingPages(FilingRepository batches, DegreeRecords records, Publication publication,
                       cn.degreehub.publication.PublicationSchedule schedule,
                       cn.degreehub.publication.CorrectionCycle corrections,
                       cn.degreehub.publication.WithheldFeedbackPush feedback) {
        this.schedule = schedule;
        this.corrections = corrections;
        this.feedback = feedback;
        this.batches = batches;
        this.records = records;
        this.publication = publication;
    }

    /** A withheld record as the console lists it. */
    public record Withheld(String certificateNumber, String holderName, String unit, String reason, String detail) {
    }

    @GetMapping("/admin/filings")
    public String filings(@RequestParam(defaultValue = "1") int page, Model model) {
        int p = Math.max(1, page);
        model.addAttribute("batches", batches.batches((p - 1) * 30, 30));
        model.addAttribute("total", batches.countBatches());
        model.addAttribute("p", p);
        // names masked: the console lists many people; the record itself is one look-up away for those allowed
        model.addAttribute("withheld", records.recentlyWithheld(100).stream().map(w -> new Withheld(w.certificateNumber(),
                Masking.name(w.holderName()), w.unitCode(), w.reason(), w.detail())).toList());
        model.addAttribute("runs", publication.recentRuns(10));
        model.addAttribute("semesters", schedule.status());
        model.addAttribute("corrections", corrections.recent(6));
        // withheld feedback pushed to the units by May 31 / Nov 30 (docs/domain-rules.md), latest first
        model.addAttribute("feedback", feedback.list(null));
        model.addAttribute("page", "filings");
        return "console/filings";
    }

    /** One record as filed: every field of the data standard, status and history (the record's detail). */
    @GetMapping("/admin/records")
    public String record(@RequestParam(required = false) String no, Model model) {
        model.addAttribute("page", "filings");
        if (no != null && !no.isBlank()) {
            String number = no.trim().toUpperCase(java.util.Locale.ROOT);
            model.addAttribute("no", number);
            records.detail(number).ifPresent(d -> model.addAttribute("record", d));
        }
        return "console/record";
    }

    @GetMapping("/admin/filings/{batchId}")
    public String batch(@PathVariable String batchId, Model model) {
        model.addAttribute("batchId", batchId);
        model.addAttribute("rejections", batches.rejections(batchId));
        model.addAttribute("page", "filings");
        return "console/filing";
    }
}
