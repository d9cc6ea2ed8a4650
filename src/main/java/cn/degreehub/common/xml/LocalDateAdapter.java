package cn.degreehub.common.xml;

import jakarta.xml.bind.annotation.adapters.XmlAdapter;
import java.time.LocalDate;

/** xs:date to {@link LocalDate}; an offset on the date, if sent, is ignored (dates are China dates). */
public class LocalDateAdapter extends XmlAdapter<String, LocalDate> {
    @Override
    public LocalDate unmarshal(String value) {
        if (value == null) {
            return null;
        }
        String v = value.trim();
        return LocalDate.parse(v.length() > 10 ? v.substring(0, 10) : v);
    }

    @Override
    public String marshal(LocalDate value) {
        return value == null ? null : value.toString();
    }
}
