package cn.degreehub.filing;

/**
 * A province corrected a filed record (correctRecord; published in the correction's transaction): a database change
 * waiting for this record may now agree with it (docs/domain-rules.md, "Database changes").
 */
public record RecordCorrected(String certificateNumber, String actor) {
}
