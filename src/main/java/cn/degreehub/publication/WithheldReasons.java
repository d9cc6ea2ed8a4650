package cn.degreehub.publication;

/**
 * The bilingual message of each reason a record is withheld from online publication, as the units read it in their
 * feedback: pulled (getWithheldFeedback) or pushed (docs/domain-rules.md, "Withheld feedback pushed to the units").
 */
final class WithheldReasons {

    private WithheldReasons() {
    }

    static String zh(String reason) {
        return switch (reason) {
            case "CLASSIFIED" -> "涉密记录, 不在网上公开";
            case "INCOMPLETE" -> "关键信息不完整或不准确, 请更正后重新报送";
            case "POLICY_REVIEW" -> "涉嫌违反国家学位政策, 待审查";
            case "HONORARY" -> "名誉博士学位不在网上公开";
            default -> throw new IllegalArgumentException("Unknown withheld reason " + reason);
        };
    }

    static String en(String reason) {
        return switch (reason) {
            case "CLASSIFIED" -> "Classified record, not published online";
            case "INCOMPLETE" -> "Key information incomplete or inaccurate: correct it and file again";
            case "POLICY_REVIEW" -> "Suspected of violating national degree policy, under review";
            case "HONORARY" -> "Honorary doctorates are not published online";
            default -> throw new IllegalArgumentException("Unknown withheld reason " + reason);
        };
    }
}
