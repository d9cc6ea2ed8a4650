package cn.degreehub.degree;

import java.util.Optional;

/**
 * 学位证书编号 (since 2006), docs/domain-rules.md. The core is 16 characters: 5-digit unit code, 1-digit level
 * (2 doctor, 3 master, 4 bachelor), 4-digit award year, 6-character sequence. Variants:
 * <ul>
 *   <li>double / second bachelor's: {@code S} or {@code E} at position 11 (first sequence character), level 4;</li>
 *   <li>adult-education bachelor's: prefix {@code C} (17 characters), level 4;</li>
 *   <li>self-study bachelor's: prefix {@code C} and {@code Z} at position 11 of the core, level 4;</li>
 *   <li>professional degrees: prefix {@code Z};</li>
 *   <li>equivalent-education (同等学力) degrees: prefix {@code T}, level 2 or 3.</li>
 * </ul>
 */
public record CertificateNumber(String value, Variant variant, String unitCode, int levelDigit, int awardYear,
                                String sequence) {

    public enum Variant { STANDARD, DOUBLE_BACHELOR, ADULT_BACHELOR, SELF_STUDY_BACHELOR, PROFESSIONAL, EQUIVALENT }

    public static Optional<CertificateNumber> parse(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String value = raw.trim();
        char prefix = value.isEmpty() ? ' ' : value.charAt(0);
        boolean prefixed = prefix == 'C' || prefix == 'Z' || prefix == 'T';
        String core = prefixed ? value.substring(1) : value;
        if (core.length() != 16 || !digits(core, 0, 10) || !digits(core, 11, 16)) {
            return Optional.empty();
        }
        int level = core.charAt(5) - '0';
        if (level < 2 || level > 4) {
            return Optional.empty();
        }
        char pos11 = core.charAt(10);
        Variant variant;
        if (!prefixed) {
            variant = switch (pos11) {
                case 'S', 'E' -> Variant.DOUBLE_BACHELOR;
                default -> Character.isDigit(pos11) ? Variant.STANDARD : null;
            };
        } else if (prefix == 'C') {
            variant = switch (pos11) {
                case 'Z' -> Variant.SELF_STUDY_BACHELOR;
                default -> Character.isDigit(pos11) ? Variant.ADULT_BACHELOR : null;
            };
        } else {
            variant = Character.isDigit(pos11) ? (prefix == 'Z' ? Variant.PROFESSIONAL : Variant.EQUIVALENT) : null;
        }
        if (variant == null) {
            return Optional.empty();
        }
        boolean bachelorOnly = variant == Variant.DOUBLE_BACHELOR || variant == Variant.ADULT_BACHELOR
                || variant == Variant.SELF_STUDY_BACHELOR;
        if (bachelorOnly && level != 4 || variant == Variant.EQUIVALENT && level == 4) {
            return Optional.empty();
        }
        return Optional.of(new CertificateNumber(value, variant, core.substring(0, 5), level,
                Integer.parseInt(core.substring(6, 10)), core.substring(10)));
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
