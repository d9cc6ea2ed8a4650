package cn.degreehub.common.xml;

import cn.degreehub.common.ChinaTime;
import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/** xs:dateTime to {@link OffsetDateTime}; written in China time (+08:00). */
public class OffsetDateTimeAdapter extends XmlAdapter<String, OffsetDateTime> {

    @Override
    public OffsetDateTime unmarshal(String value) {
        return value == null ? null : OffsetDateTime.parse(value.trim());
    }

    @Override
    public String marshal(OffsetDateTime value) {
        return value == null ? null
                : value.atZoneSameInstant(ChinaTime.ZONE).toOffsetDateTime().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }
}
