package cn.degreehub.check;

/** A unit's answer to a check task; {@code corrections} as sent (null when none), required with CORRECTED. */
public record CheckAnswer(Outcome outcome, Corrections corrections, String remarks, String checker) {

    /**
     * 核实无误, 核实有误, 查无此人/此学位, 其他 (remarks required; no report: the application goes back to review):
     * stored with the task and named in the history as these values.
     */
    public enum Outcome {
        CONFIRMED, CORRECTED, NO_RECORD, OTHER;

        public String value() {
            return name();
        }
    }

    /**
     * The answer taken: the task closed and the report issued with {@code result} (a {@code Report} result); for
     * OTHER no report ({@code reportNo} and {@code result} null).
     */
    public record Answered(String taskId, String applicationNo, String reportNo, String result) {
    }
}
