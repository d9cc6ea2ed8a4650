package cn.degreehub.common.soap;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import jakarta.xml.bind.UnmarshalException;
import java.util.Locale;
import java.util.UUID;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.xml.sax.SAXException;

/**
 * Turns whatever went wrong into the fault detail partners code against: a stable code and a message
 * in Chinese and English. Unknown failures become INTERNAL with a trace id, never a stack trace.
 */
public final class FaultMapper {

    private FaultMapper() {
    }

    public static FaultDetail map(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DegreeHubException e) {
                return detail(e.code(), e.messageZh(), e.messageEn(), e.field());
            }
            if (t instanceof PayloadTooLargeException e) {
                return detail(FaultCode.PAYLOAD_TOO_LARGE, "请求报文超过大小限制", e.getMessage(), null);
            }
            if (t instanceof WSSecurityException) {
                return unauthenticated();
            }
            if (t instanceof SoapFault f && FaultShapingInterceptor.isEnvelopeFault(f.getFaultCode())) {
                return detail(FaultCode.INVALID_REQUEST, "SOAP 信封不被接受 (须为 SOAP 1.1, 标为 mustUnderstand 的头须为本接口所知)",
                        "SOAP envelope not accepted (SOAP 1.1 only; every header marked"
                        + " mustUnderstand must be one this interface knows): " + firstLine(allMessages(f)), null);
            }
        }
        String text = allMessages(failure);
        String lower = text.toLowerCase(Locale.ROOT);
        if (lower.contains("security") && (lower.contains("header") || lower.contains("authenticat")
                || lower.contains("token")) || lower.contains("wsse")) {
            return unauthenticated();
        }
        if (lower.contains("received a dtd") || lower.contains("doctype") || lower.contains("undeclared general entity")
                || lower.contains("entity reference")) {
            return detail(FaultCode.INVALID_REQUEST, "请求报文不允许包含 DTD 或实体声明",
                    "DTDs and entity declarations are not allowed", null);
        }
        // a parser's size limit; not a schema's maxOccurs ("can occur a maximum of '10' times ... exceeded")
        if (!lower.contains("cvc-") && (lower.contains("too large") || lower.contains("maximum") && lower.contains("exceed"))) {
            return detail(FaultCode.PAYLOAD_TOO_LARGE, "请求报文超过大小限制", "Message exceeds a size limit", null);
        }
        if (lower.contains("unexpected wrapper element") || lower.contains("no such operation")
                || lower.contains("not recognized") || lower.contains("unexpected element")
                || lower.contains("no binding operation") || lower.contains("can't find the bindingoperation")) {
            return detail(FaultCode.INVALID_REQUEST, "未知的操作或错误的命名空间",
                    "Unknown operation or wrong namespace: " + firstLine(text), null);
        }
        if (hasCause(failure, UnmarshalException.class) || hasCause(failure, SAXException.class)
                || hasCause(failure, XMLStreamException.class) || lower.contains("unmarshalling error")
                || lower.contains("cvc-") || lower.contains("unexpected character")
                || lower.contains("envelope") || lower.contains("unexpected eof")) {
            return detail(FaultCode.INVALID_REQUEST, "请求报文不符合接口规范: " + firstLine(text),
                    "Request does not conform to the contract: " + firstLine(text), null);
        }
        String traceId = UUID.randomUUID().toString();
        FaultDetail d = detail(FaultCode.INTERNAL, "系统内部错误, 请稍后重试 (追踪号 " + traceId + ")",
                "Internal error, please retry later (trace " + traceId + ")", null);
        d.setTraceId(traceId);
        return d;
    }

    /**
     * Whether a failure is the partner's (a typed refusal of the request: any code but INTERNAL), so a route
     * answers it without counting a failure of its own. Decided on the exception types only, never on text.
     */
    public static boolean isPartnerError(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DegreeHubException e) {
                return e.code() != FaultCode.INTERNAL;
            }
            if (t instanceof PayloadTooLargeException) {
                return true;
            }
        }
        return false;
    }

    public static FaultDetail detail(FaultCode code, String zh, String en, String field) {
        FaultDetail d = new FaultDetail();
        d.setCode(code);
        d.setMessageZh(zh);
        d.setMessageEn(en);
        d.setField(field);
        return d;
    }

    private static FaultDetail unauthenticated() {
        return detail(FaultCode.UNAUTHENTICATED, "身份认证失败 (用户名、密码或随机数无效)",
                "Authentication failed (username, password or nonce not accepted)", null);
    }

    private static boolean hasCause(Throwable t, Class<?> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }

    private static String allMessages(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    private static String firstLine(String text) {
        int bar = text.indexOf(" | ");
        String s = bar > 0 ? text.substring(0, bar) : text;
        int colon = s.indexOf(": ");
        s = colon > 0 ? s.substring(colon + 2) : s;
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
