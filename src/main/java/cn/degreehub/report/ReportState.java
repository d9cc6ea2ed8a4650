package cn.degreehub.report;

/**
 * What a stored report is worth today: VALID until its last valid day (China time), then EXPIRED; CLOSED by
 * the holder, REVOKED when found wrong (docs/domain-rules.md, "Reports").
 */
public enum ReportState {
    VALID, EXPIRED, CLOSED, REVOKED;

    /** The code the contract and the console show. */
    public String value() {
        return name();
    }
}
