package cn.degreehub.filing;

import java.util.Map;
import java.util.function.Function;

/**
 * A degree-award record as filed: every {@link RecordField} as a string, surrounding white space removed and an
 * empty value absent (null). Made from the contract's record as it arrives ({@link FilingDocuments}) and from a
 * stored row ({@link DegreeRecords}); the validator, the intake and the repository work on it. One small object
 * per record, read many times: the values are normalised once.
 */
public final class FiledRecord {

    private static final RecordField[] FIELDS = RecordField.values();

    /** By {@link RecordField#ordinal()}. */
    private final String[] values;

    private FiledRecord(String[] values) {
        this.values = values;
    }

    /** The record whose fields {@code value} gives (null or blank: absent). */
    public static FiledRecord of(Function<RecordField, String> value) {
        String[] values = new String[FIELDS.length];
        for (RecordField f : FIELDS) {
            values[f.ordinal()] = normalised(value.apply(f));
        }
        return new FiledRecord(values);
    }

    /** The field's value, or null when absent. */
    public String value(RecordField field) {
        return values[field.ordinal()];
    }

    /** A copy with these fields set. */
    public FiledRecord with(Map<RecordField, String> changes) {
        String[] copy = values.clone();
        changes.forEach((f, v) -> copy[f.ordinal()] = normalised(v));
        return new FiledRecord(copy);
    }

    private static String normalised(String v) {
        if (v == null) {
            return null;
        }
        v = v.strip();
        return v.isEmpty() ? null : v;
    }
}
