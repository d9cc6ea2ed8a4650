package cn.degreehub.common;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Masks personal data before it reaches a log, a fault or a public answer. */
public final class Masking {

    /**
     * An 18-character resident ID (region, plausible birth date, sequence, check character) or a 15-digit
     * old-style one, standing alone in a text; certificate numbers (16/17 characters) are not matched.
     */
    private static final Pattern ID_IN_TEXT = Pattern.compile("(?<![0-9A-Za-z])(\\d{6}(19|20)\\d{2}|\\d{8})"
            + "(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}([0-9Xx]?)(?![0-9A-Za-z])");

    private Masking() {
    }

    /** 120104199003071234 -> 1201**********1234; short values keep only their last character. */
    public static String idNumber(String id) {
        if (id == null || id.isEmpty()) {
            return id;
        }
        int n = id.length();
        if (n <= 4) {
            return "*".repeat(n - 1) + id.charAt(n - 1);
        }
        int head = n >= 15 ? 4 : 1;
        return id.substring(0, head) + "*".repeat(n - head - 4) + id.substring(n - 4);
    }

    /** 张三丰 -> 张** ; the family name stays so a holder recognises the record. */
    public static String name(String name) {
        if (name == null || name.length() <= 1) {
            return name;
        }
        return name.charAt(0) + "*".repeat(name.length() - 1);
    }

    /** Masks every ID-number-like run of digits in free text (log lines). */
    public static String idNumbersIn(String text) {
        if (text == null) {
            return null;
        }
        Matcher m = ID_IN_TEXT.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            int length = m.group().length();
            if (length != 18 && length != 15) {
                m.appendReplacement(sb, Matcher.quoteReplacement(m.group()));
                continue;
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(idNumber(m.group())));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
