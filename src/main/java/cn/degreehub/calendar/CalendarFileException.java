package cn.degreehub.calendar;

/** A holiday calendar file that cannot be loaded, with the reason in Chinese and English for the operator. */
public class CalendarFileException extends RuntimeException {
    private final String messageZh;

    public CalendarFileException(String messageZh, String messageEn) {
        super(messageEn);
        this.messageZh = messageZh;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return getMessage();
    }
}
