package cn.degreehub.calendar;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.LocalDate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A new official year while the hub runs: uploaded by an ADMIN in the console (or the admin API), or placed in
 * the calendar directory (routes/calendar.xml watches it). The file is checked ({@link CalendarFile}), loaded,
 * audited, and every open item counted provisionally across that year is counted again
 * ({@link OfficialYearLoaded}), in one transaction with the audit record.
 */
public class CalendarUpdates {

    private static final Logger log = LoggerFactory.getLogger(CalendarUpdates.class);
    private static final String DIRECTORY_ACTOR = "config/calendar";

    private final WorkingDayCalendar calendar;
    private final Path directory;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Clock clock;

    public CalendarUpdates(WorkingDayCalendar calendar, Path directory, AuditLog audit, ApplicationEventPublisher events,
                           TransactionTemplate tx, Clock clock) {
        this.calendar = calendar;
        this.directory = directory;
        this.audit = audit;
        this.events = events;
        this.tx = tx;
        this.clock = clock;
    }

    /** What a load did. */
    public record Loaded(int year, boolean changed) {
    }

    /**
     * An ADMIN's upload: checked, written to the calendar directory as {@code {year}.json} (so it stays after a
     * restart), loaded. A refused file changes nothing and is answered with the reason in both languages.
     *
     * @param fileName the uploaded file's name; when it is {@code {year}.json} the content must be for that year
     */
    public Loaded upload(byte[] content, String fileName, String actor) {
        CalendarFile file = check(content, CalendarFile.yearOfName(baseName(fileName)), actor, fileName);
        try {
            Files.createDirectories(directory);
            Path temp = Files.createTempFile(directory, ".upload-", ".tmp");
            Files.write(temp, content);
            Files.move(temp, directory.resolve(file.year() + ".json"), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.year() + ".json to " + directory, e);
        }
        return load(file, actor);
    }

    /**
     * A file found in the calendar directory (new or changed). The same content as loaded is a no-op; a
     * refused file is logged and audited, and the hub goes on with what it had.
     */
    public void fromDirectory(byte[] content, String fileName) {
        try {
            load(check(content, CalendarFile.yearOfName(fileName), DIRECTORY_ACTOR, fileName), DIRECTORY_ACTOR);
        } catch (DegreeHubException refused) {
            log.warn("Calendar file {} in {} refused: {}", fileName, directory, refused.getMessage());
        }
    }

    /**
     * At start: items counted provisionally across a year whose notice has since been placed in the
     * directory (while the hub was down) are counted again.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void recountAtStart() {
        int thisYear = LocalDate.now(clock.withZone(ChinaTime.ZONE)).getYear();
        calendar.years().stream().filter(y -> y >= thisYear - 1)
                .forEach(y -> tx.executeWithoutResult(s -> events.publishEvent(new OfficialYearLoaded(y, "degree-hub"))));
    }

    private CalendarFile check(byte[] content, Integer expectedYear, String actor, String fileName) {
        try {
            return CalendarFile.parse(content, expectedYear);
        } catch (CalendarFileException e) {
            tx.executeWithoutResult(s -> audit.record(actor, "CALENDAR_REFUSED", String.valueOf(fileName), e.messageEn()));
            throw new DegreeHubException(FaultCode.INVALID_REQUEST, "节假日安排文件未载入：" + e.messageZh(),
                    "Holiday calendar file not loaded: " + e.messageEn());
        }
    }

    private Loaded load(CalendarFile file, String actor) {
        boolean wasOfficial = calendar.isOfficial(file.year());
        boolean changed = calendar.load(file);
        if (!changed) {
            return new Loaded(file.year(), false);
        }
        tx.executeWithoutResult(s -> {
            audit.record(actor, "CALENDAR_LOAD", file.year() + ".json", (wasOfficial ? "replaced" : "new official year")
                    + ": " + file.days().size() + " days, papers " + file.papers());
            events.publishEvent(new OfficialYearLoaded(file.year(), actor));
        });
        log.info("Official holiday calendar {} loaded by {} ({} days listed){}", file.year(), actor, file.days().size(),
                wasOfficial ? " replacing the one loaded before" : "");
        return new Loaded(file.year(), true);
    }

    private static String baseName(String fileName) {
        if (fileName == null) {
            return null;
        }
        String name = fileName.replace('\\', '/');
        return name.substring(name.lastIndexOf('/') + 1);
    }
}
