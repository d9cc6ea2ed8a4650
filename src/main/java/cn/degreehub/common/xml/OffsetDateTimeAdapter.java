package cn.degreehub.common.xml;

import cn.degreehub.common.ChinaTime;
import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.OffsetDateTime;

/** xs:dateTime to {@link OffsetDateTime}; written in China time (+08:00) to the millisecond ({@link ChinaTime#TIMESTAMP}). */
public class OffsetDateTimeAdapter extends XmlAdapter<String, OffsetDateTime> {

    @Override
    public OffsetDateTime unmarshal(String value) {
        return value == null ? null : OffsetDateTime.parse(value.trim());
    }

    @Override
    public String marshal(OffsetDateTime value) {
        return value == null ? null : ChinaTime.timestamp(value);
    }
}
