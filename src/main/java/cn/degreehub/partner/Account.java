package cn.degreehub.partner;

/** An authenticated partner: its role and the province, unit or department it acts for. */
public record Account(String username, Role role, String provinceCode, String unitCode, String department)
        implements java.io.Serializable {

    public boolean is(Role r) {
        return role == r;
    }
}
