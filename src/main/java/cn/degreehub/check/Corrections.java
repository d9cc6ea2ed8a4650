package cn.degreehub.check;

import cn.degreehub.degree.DegreeLevel;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a unit's CORRECTED answer corrects, as the unit sent it; a null field stays as applied. */
public record Corrections(String holderName, String idType, String idNumber, DegreeLevel level, LocalDate awardDate,
                          String certificateNumber) {

    /**
     * The corrected fields by the application's field names, normalised as they are compared with the application
     * and stored with the task and the proposed change.
     */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        if (holderName != null) m.put("holderName", holderName.trim());
        if (idType != null) m.put("idType", idType);
        if (idNumber != null) m.put("idNumber", idNumber.trim().toUpperCase());
        if (level != null) m.put("level", level.name());
        if (awardDate != null) m.put("awardDate", awardDate.toString());
        if (certificateNumber != null) m.put("certificateNumber", certificateNumber.trim().toUpperCase());
        return m;
    }
}
