package cn.degreehub.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A notice file is checked before it is loaded: format, year, and the statutory holidays of the rules in force. */
class CalendarFileTest {

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String official2026() throws Exception {
        return Files.readString(Path.of("config/calendar/2026.json"));
    }

    @Test
    void theOfficialFilesLoad() throws Exception {
        CalendarFile f = CalendarFile.parse(bytes(official2026()), 2026);
        assertThat(f.year()).isEqualTo(2026);
        assertThat(f.days()).containsEntry(java.time.LocalDate.parse("2026-02-14"), false);
        // the 2007 notice starts on 2006-12-30
        assertThat(CalendarFile.parse(Files.readAllBytes(Path.of("config/calendar/2007.json")), 2007).days())
                .containsKey(java.time.LocalDate.parse("2006-12-30"));
    }

    @Test
    void malformedFilesAreRefusedWithAReason() {
        assertThatThrownBy(() -> CalendarFile.parse(bytes("{\"year\": 2027, \"days\": ["), 2027))
                .isInstanceOf(CalendarFileException.class).hasMessageContaining("Not valid JSON");
        assertThatThrownBy(() -> CalendarFile.parse(bytes("[]"), null)).hasMessageContaining("one JSON object");
        assertThatThrownBy(() -> CalendarFile.parse(bytes("{\"year\":\"2027\",\"papers\":[],\"days\":[]}"), 2027))
                .hasMessageContaining("year (a number)");
        assertThatThrownBy(() -> CalendarFile.parse(bytes("{\"year\":2027,\"days\":[]}"), 2027)).hasMessageContaining("papers");
        assertThatThrownBy(() -> CalendarFile.parse(bytes("{\"year\":2027,\"papers\":[],\"days\":[{\"date\":\"2027-01-01\"}]}"),
                2027)).hasMessageContaining("days entry 1");
        assertThatThrownBy(() -> CalendarFile.parse(bytes("{\"year\":2027,\"papers\":[],\"days\":[{\"name\":\"x\","
                + "\"date\":\"2027-13-01\",\"isOffDay\":true}]}"), 2027)).hasMessageContaining("not a yyyy-MM-dd date");
        CalendarFileException e = org.junit.jupiter.api.Assertions.assertThrows(CalendarFileException.class,
                () -> CalendarFile.parse(bytes("{\"year\":2027,\"papers\":[],\"days\":[]}"), 2027));
        assertThat(e.messageZh()).contains("法定节假日").contains("元旦");
    }

    @Test
    void aFileForAnotherYearThanItClaimsIsRefused() throws Exception {
        // named 2027.json, but the 2026 notice
        assertThatThrownBy(() -> CalendarFile.parse(bytes(official2026()), 2027)).hasMessageContaining("says year 2026");
        // claims 2027 inside, but its days are 2026's
        String relabelled = official2026().replaceFirst("\"year\":\\s*2026", "\"year\": 2027");
        assertThatThrownBy(() -> CalendarFile.parse(bytes(relabelled), 2027)).hasMessageContaining("is not in 2027");
    }

    @Test
    void aFileMissingAStatutoryHolidayIsRefused() throws Exception {
        // 2026 without 国庆's third day
        String missing = official2026().replaceAll("\\{[^{}]*\"2026-10-03\"[^{}]*\\},?", "");
        assertThatThrownBy(() -> CalendarFile.parse(bytes(missing), 2026))
                .hasMessageContaining("国庆节 on 2026-10-03 is not given off");
    }
}
