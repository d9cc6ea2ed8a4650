package cn.degreehub.degree;

import java.util.Optional;

/** Degree level and title by the first digit of XWLBM (GB/T 6864). */
public enum DegreeLevel {
    HONORARY_DOCTOR(1, "名誉博士", "Honorary Doctor"),
    DOCTOR(2, "博士", "Doctor"),
    MASTER(3, "硕士", "Master"),
    BACHELOR(4, "学士", "Bachelor");

    private final int digit;
    private final String zh;
    private final String en;

    DegreeLevel(int digit, String zh, String en) {
        this.digit = digit;
        this.zh = zh;
        this.en = en;
    }

    public int digit() {
        return digit;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public boolean honorary() {
        return this == HONORARY_DOCTOR;
    }

    /** The level digit a certificate number carries: an honorary doctorate is a doctorate there. */
    public int certificateDigit() {
        return this == HONORARY_DOCTOR ? 2 : digit;
    }

    /** The level of a 学位类别码 (XWLBM) by its first digit; empty for a missing or unknown code. */
    public static Optional<DegreeLevel> ofCategoryCode(String xwlbm) {
        return xwlbm == null || xwlbm.isEmpty() ? Optional.empty() : ofDigit(xwlbm.charAt(0) - '0');
    }

    public static Optional<DegreeLevel> ofDigit(int digit) {
        for (DegreeLevel l : values()) {
            if (l.digit == digit) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }
}
