package cn.degreehub.publication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.calendar.CalendarLoader;
import cn.degreehub.calendar.WorkingDayCalendar;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.filing.FilingDocuments;
import cn.degreehub.filing.FilingRepository;
import cn.degreehub.filing.RecordField;
import cn.degreehub.support.ClusterDatabase;
import cn.degreehub.support.MovableClock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly correction cycle on a real (in-memory H2) database with the real calendar, records, publication and
 * cycle, the clock moved from October into November and December 2026: what the corrections of a month became, when
 * the cycle was due (5th working day of the next month), on time or late, each month processed once.
 */
class CorrectionCycleTest {

    final MovableClock clock = new MovableClock(at("2026-10-10T10:00"));
    final DataSource db = ClusterDatabase.migrated("correction-cycle-" + System.nanoTime());
    final JdbcTemplate jdbc = new JdbcTemplate(db);
    final TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(db));
    final DegreeRecords records = new DegreeRecords(jdbc, clock);
    final FilingRepository filings = new FilingRepository(jdbc);
    final AuditLog audit = new AuditLog(jdbc, clock);
    final Publication publication = new Publication(jdbc, records, tx, clock, audit, List.of("XM", "XBM", "XWZSBH"));
    final WorkingDayCalendar calendar = CalendarLoader.load(resources());
    final CorrectionCycle cycle = new CorrectionCycle(jdbc, records, calendar, tx, audit, clock);

    @Test
    void correctionsOfAMonthArePublishedOrFedBackAgainByTheFifthWorkingDayOfTheNext() {
        List<FilingRecord> filed = DemoRecords.records("10056", "天津大学", "120104", 3, 2021, 500, 4);
        String incomplete = filed.get(0).getXWZSBH();
        String classified = filed.get(1).getXWZSBH();
        String fine = filed.get(2).getXWZSBH();
        String later = filed.get(3).getXWZSBH();
        filed.get(0).setXBM(null);
        filed.get(1).setSFSM("1");
        file(filed);
        publication.run("test");
        assertThat(status(incomplete)).isEqualTo("WITHHELD");
        assertThat(status(classified)).isEqualTo("WITHHELD");
        assertThat(status(fine)).isEqualTo("PUBLISHED");

        // October: the unit's corrections come in; the night's run publishes what now qualifies
        clock.set(at("2026-10-20T15:00"));
        correct(incomplete, RecordField.XBM, "1");
        correct(classified, RecordField.XM, "王小明");
        publication.run("test");
        clock.set(at("2026-10-28T09:00"));
        assertThatThrownBy(() -> cycle.process(YearMonth.of(2026, 10), "admin")).isInstanceOf(DegreeHubException.class)
                .extracting(e -> ((DegreeHubException) e).code()).isEqualTo(FaultCode.INVALID_STATE);
        assertThat(cycle.catchUp("scheduler")).as("nothing before the month is over").isEmpty();

        // the first night of November: October's cycle, on time (due the 5th working day of November: Nov 6)
        clock.set(at("2026-11-02T02:00"));
        List<CorrectionCycle.Cycle> done = cycle.catchUp("scheduler");
        assertThat(done).hasSize(1);
        CorrectionCycle.Cycle october = done.get(0);
        assertThat(october.month()).isEqualTo(YearMonth.of(2026, 10));
        assertThat(october.dueDate()).isEqualTo(LocalDate.of(2026, 11, 6));
        assertThat(october.dueDate()).isEqualTo(calendar.nthWorkingDayOfMonth(YearMonth.of(2026, 11), 5));
        assertThat(october.state()).isEqualTo(CorrectionCycle.State.ON_TIME);
        assertThat(List.of(october.corrected(), october.published(), october.fedBack(), october.other()))
                .containsExactly(2, 1, 1, 0);
        assertThat(cycle.records(YearMonth.of(2026, 10), 0, 10)).extracting(CorrectionCycle.Record::certificateNumber,
                CorrectionCycle.Record::outcome, CorrectionCycle.Record::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(incomplete, CorrectionCycle.Outcome.PUBLISHED, null),
                org.assertj.core.groups.Tuple.tuple(classified, CorrectionCycle.Outcome.FED_BACK, "CLASSIFIED"));
        assertThat(cycle.catchUp("scheduler")).as("a month is processed once").isEmpty();
        assertThat(cycle.process(YearMonth.of(2026, 10), "admin").processedAt()).isEqualTo(october.processedAt());
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM audit_log WHERE action = 'CORRECTION_CYCLE'", Integer.class))
                .isEqualTo(1);

        // November: a correction the night's run has not yet seen; processed after the due date (Dec 7), late
        clock.set(at("2026-11-16T11:00"));
        correct(later, RecordField.XM, "李小红");
        clock.set(at("2026-12-09T10:00"));
        assertThat(cycle.recent(2)).extracting(CorrectionCycle.Cycle::month, CorrectionCycle.Cycle::dueDate,
                CorrectionCycle.Cycle::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 11), LocalDate.of(2026, 12, 7), CorrectionCycle.State.OVERDUE),
                org.assertj.core.groups.Tuple.tuple(YearMonth.of(2026, 10), LocalDate.of(2026, 11, 6), CorrectionCycle.State.ON_TIME));
        assertThatThrownBy(() -> cycle.process(YearMonth.of(2026, 11), "admin"))
                .as("a corrected record waits for a publication run").hasMessageContaining("publish first");
        publication.run("test");
        CorrectionCycle.Cycle november = cycle.catchUp("scheduler").get(0);
        assertThat(november.state()).isEqualTo(CorrectionCycle.State.LATE);
        assertThat(List.of(november.corrected(), november.published(), november.fedBack())).containsExactly(1, 1, 0);
    }

    /**
     * Due dates after the long holidays: September 2026's corrections by Tue Oct 13 (Oct 1-7 off, Sat Oct 10 a make-up
     * working day: Oct 8, 9, 10, 12, 13), January 2027's by the 5th working day of February 2027, a year counted
     * provisionally (statutory 春节: the eve, Fri Feb 5, and Sat Feb 6 to Mon Feb 8 off: Feb 1-4, then Tue Feb 9).
     */
    @Test
    void dueDatesAfterNationalDayAndTheSpringFestival() {
        assertThat(cycle.dueDate(YearMonth.of(2026, 9))).isEqualTo(LocalDate.of(2026, 10, 13));
        assertThat(calendar.isOfficial(2027)).as("2027 is provisional here").isFalse();
        assertThat(cycle.dueDate(YearMonth.of(2027, 1))).isEqualTo(LocalDate.of(2027, 2, 9));
    }

    void file(List<FilingRecord> filed) {
        String batchId = "cycle-" + System.nanoTime();
        filings.insertBatch(new FilingRepository.Batch(batchId, "12", "10056", "2020-2021-2", "SOAP", "province-12",
                clock.instant(), filed.size(), filed.size(), 0));
        filings.insertRecords(batchId, "12", "2020-2021-2", filed.stream().map(FilingDocuments::filed).toList(),
                clock.instant());
    }

    /** What RecordMaintenance.correct stores: the changed fields (the record approved again) and its history. */
    void correct(String number, RecordField field, String value) {
        records.update(number, Map.of(field, value));
        records.history(number, "CORRECTED", "province-12", "r-" + System.nanoTime(), field + ": -> " + value);
    }

    String status(String number) {
        return jdbc.queryForObject("SELECT status FROM degree_record WHERE xwzsbh = ?", String.class, number);
    }

    static Instant at(String chinaTime) {
        return OffsetDateTime.parse(chinaTime + ":00+08:00").toInstant();
    }

    static org.springframework.core.io.Resource[] resources() {
        try {
            return new PathMatchingResourcePatternResolver().getResources("file:config/calendar/*.json");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
