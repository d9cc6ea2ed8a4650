package cn.degreehub.partner;

/** The one role each partner account has (INTERFACES.md). */
public enum Role { PORTAL, PROVINCE, UNIT_LEAD, UNIT_DEPT, ADMIN, REVIEWER }
