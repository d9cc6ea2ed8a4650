package cn.degreehub.partner;

/** The one role each partner account has (docs/partner-interfaces.md, "Security"). */
public enum Role {
    PORTAL, PROVINCE, UNIT_LEAD, UNIT_DEPT, ADMIN, REVIEWER;

    /** The center's own staff, who sign in to the console (and whose accounts can be locked everywhere). */
    public boolean console() {
        return this == ADMIN || this == REVIEWER;
    }
}
