package cn.degreehub.common.xml;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** xs:dateTime to {@link OffsetDateTime}; written in China time (+08:00). */
public class OffsetDateTimeAdapter extends XmlAdapter<String, OffsetDateTime> {
    public static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    @Override
    public OffsetDateTime unmarshal(String value) {
        return value == null ? null : OffsetDateTime.parse(value.trim());
    }

    @Override
    public String marshal(OffsetDateTime value) {
        return value == null ? null
                : value.atZoneSameInstant(CHINA).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
