package cn.degreehub.common;

import cn.degreehub.contract.types.FaultCode;

/** A business error that reaches the caller as a typed SOAP fault with a bilingual message. */
public class DegreeHubException extends RuntimeException {

    private final FaultCode code;
    private final String messageZh;
    private final String field;

    public DegreeHubException(FaultCode code, String messageZh, String messageEn) {
        this(code, messageZh, messageEn, null);
    }

    public DegreeHubException(FaultCode code, String messageZh, String messageEn, String field) {
        super(messageEn);
        this.code = code;
        this.messageZh = messageZh;
        this.field = field;
    }

    public FaultCode code() {
        return code;
    }

    public String messageZh() {
        return messageZh;
    }

    public String messageEn() {
        return getMessage();
    }

    public String field() {
        return field;
    }

    public static DegreeHubException notFound(String whatZh, String whatEn) {
        return new DegreeHubException(FaultCode.NOT_FOUND, "未找到" + whatZh, whatEn + " not found");
    }

    public static DegreeHubException forbidden(String zh, String en) {
        return new DegreeHubException(FaultCode.FORBIDDEN, zh, en);
    }

    public static DegreeHubException invalid(String field, String zh, String en) {
        return new DegreeHubException(FaultCode.INVALID_REQUEST, zh, en, field);
    }
}
