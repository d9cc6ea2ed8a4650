package cn.degreehub.common;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.common.xml.OffsetDateTimeAdapter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ChinaTimeTest {

    @Test
    void timestampsAreChinaTimeWithExactlyThreeFractionDigits() {
        assertThat(ChinaTime.timestamp(Instant.parse("2026-06-30T16:05:09.123456789Z"))).isEqualTo("2026-07-01T00:05:09.123+08:00");
        assertThat(ChinaTime.timestamp(Instant.parse("2026-06-30T16:05:09Z"))).isEqualTo("2026-07-01T00:05:09.000+08:00");
        assertThat(ChinaTime.timestamp(OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 999_999, ZoneOffset.ofHours(-5))))
                .isEqualTo("2026-01-01T13:00:00.000+08:00");
    }

    @Test
    void theContractsAdapterWritesThatFormAndReadsAnyOffsetAndPrecision() throws Exception {
        OffsetDateTimeAdapter adapter = new OffsetDateTimeAdapter();
        assertThat(adapter.marshal(OffsetDateTime.parse("2026-11-30T23:59:59.9999999Z"))).isEqualTo("2026-12-01T07:59:59.999+08:00");
        assertThat(adapter.unmarshal("2026-12-01T07:59:59.1234567+08:00").toInstant())
                .isEqualTo(Instant.parse("2026-11-30T23:59:59.123456700Z"));
        assertThat(adapter.unmarshal("2026-12-01T07:59:59Z").getOffset()).isEqualTo(ZoneOffset.UTC);
    }
}
