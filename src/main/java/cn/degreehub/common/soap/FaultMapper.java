package cn.degreehub.common.soap;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.UnmarshalException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLStreamException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.io.CacheSizeExceededException;
import org.apache.cxf.staxutils.DepthExceededStaxException;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Turns whatever went wrong into the fault detail partners code against: a stable code and a message
 * in Chinese and English. The code is decided by the exception's type, found anywhere in its cause chain:
 * <ul>
 *   <li>{@link DegreeHubException}: its own code and messages (NOT_FOUND, FORBIDDEN, RATE_LIMITED ...; an INTERNAL
 *       one is answered as any internal failure);</li>
 *   <li>{@link PayloadTooLargeException} (the hub's byte limit) and CXF's {@link DepthExceededStaxException}
 *       (its element depth/count limits): PAYLOAD_TOO_LARGE;</li>
 *   <li>{@link WSSecurityException}: UNAUTHENTICATED with its cause ({@link SecurityFaults}); SOAP's
 *       MustUnderstand/VersionMismatch: INVALID_REQUEST;</li>
 *   <li>a request CXF could not read (an XML parser, schema or JAXB error, or CXF's own refusal with no other
 *       cause): INVALID_REQUEST or UNAUTHENTICATED, the message telling which;</li>
 *   <li>anything else (a database error, a bug): INTERNAL with a trace id, never the exception's text.</li>
 * </ul>
 * Woodstox's own limits (attribute size, text length ...) raise a plain XMLStreamException that no type tells
 * apart from other malformed XML, so they are INVALID_REQUEST. Chinese messages are Chinese throughout (what is
 * wrong, the element, line and column); a parser's own English text goes into the English message only.
 */
public final class FaultMapper {

    /** How deep a cause chain is followed: enough for CXF, Camel and Woodstox wrapping each other. */
    private static final int MAX_CHAIN = 32;

    /** Woodstox: "at [row,col {unknown-source}]: [3,15]" */
    private static final Pattern WOODSTOX_POSITION = Pattern.compile("\\[row,col[^\\]]*\\]:\\s*\\[(\\d{1,9}),(\\d{1,9})\\]");
    /** SAX (schema validation): "lineNumber: 3; columnNumber: 15" */
    private static final Pattern SAX_POSITION = Pattern.compile("lineNumber: (\\d{1,9}); columnNumber: (\\d{1,9})");
    /** Xerces names elements as '{"urn:...":name}' */
    private static final Pattern SCHEMA_ELEMENT = Pattern.compile("\\{\"[^\"]{0,200}\":([\\w.-]{1,100})\\}");
    /** ... or as element 'name' */
    private static final Pattern QUOTED_ELEMENT = Pattern.compile("element '([\\w.:-]{1,100})'");
    /** CXF: "Unexpected wrapper element {urn:x}nothing found" */
    private static final Pattern OPERATION_ELEMENT = Pattern.compile("element (\\{[^}\\s]{0,200}\\}[\\w.-]{1,100})");
    /** CXF: "MustUnderstand headers: [{urn:x}trace] are not understood" */
    private static final Pattern HEADER_LIST = Pattern.compile("\\[([^\\]]{1,300})\\]");

    private FaultMapper() {
    }

    public static FaultDetail map(Throwable failure) {
        List<Throwable> chain = causes(failure);
        FaultDetail typed = typed(chain);
        if (typed != null) {
            return typed;
        }
        if (isRequestFailure(chain)) {
            FaultDetail unreadable = unreadableRequest(chain);
            if (unreadable != null) {
                return unreadable;
            }
        }
        return internal();
    }

    /**
     * Whether a failure is the partner's (a typed refusal of the request: any code but INTERNAL), so a route
     * answers it without counting a failure of its own. Decided on the exception types only, never on text.
     */
    public static boolean isPartnerError(Throwable failure) {
        FaultDetail typed = typed(causes(failure));
        return typed != null && typed.getCode() != FaultCode.INTERNAL;
    }

    public static FaultDetail detail(FaultCode code, String zh, String en, String field) {
        FaultDetail d = new FaultDetail();
        d.setCode(code);
        d.setMessageZh(zh);
        d.setMessageEn(en);
        d.setField(field);
        return d;
    }

    /** The fault of the first exception in the chain whose type says what it is; null when none does. */
    private static FaultDetail typed(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof DegreeHubException e) {
                // every INTERNAL fault carries a trace id to find its log line by
                return e.code() == FaultCode.INTERNAL ? internal()
                        : detail(e.code(), e.messageZh(), e.messageEn(), e.field());
            }
            if (t instanceof PayloadTooLargeException e) {
                return detail(FaultCode.PAYLOAD_TOO_LARGE, "请求报文超过大小限制", e.getMessage(), null);
            }
            if (t instanceof CacheSizeExceededException) {
                // an MTOM part over the endpoint's attachment-max-size, refused while CXF reads it
                return detail(FaultCode.PAYLOAD_TOO_LARGE, "附件超过大小限制", "An attachment exceeds the size limit", null);
            }
            if (t instanceof DepthExceededStaxException) {
                return detail(FaultCode.PAYLOAD_TOO_LARGE, "请求报文超过大小限制 (元素层数或数量)",
                        "Message exceeds a size limit (element depth or count)", null);
            }
            if (t instanceof WSSecurityException e) {
                DegreeHubException refusal = SecurityFaults.of(e);
                return detail(refusal.code(), refusal.messageZh(), refusal.messageEn(), null);
            }
            if (t instanceof SoapFault f && FaultShapingInterceptor.isEnvelopeFault(f.getFaultCode())) {
                return detail(FaultCode.INVALID_REQUEST, envelopeNotAcceptedZh(f),
                        "SOAP envelope not accepted (SOAP 1.1 only; every header marked"
                        + " mustUnderstand must be one this interface knows): " + firstLine(allMessages(chain)), null);
            }
        }
        return null;
    }

    /**
     * A failure to read the request: an XML parser, schema or JAXB error in the chain, or a fault CXF raised
     * itself (the chain ends in a CXF Fault, which wraps no exception of ours). Only these are told apart by
     * their messages below; an exception of anything else never lends its text to a partner's fault.
     */
    private static boolean isRequestFailure(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof XMLStreamException || t instanceof SAXException || t instanceof UnmarshalException) {
                return true;
            }
        }
        return chain.get(chain.size() - 1) instanceof Fault;
    }

    private static FaultDetail unreadableRequest(List<Throwable> chain) {
        String text = allMessages(chain);
        String lower = text.toLowerCase(Locale.ROOT);
        // WS-Security's missing or malformed header is raised by CXF as a bare fault, without WSSecurityException
        if (lower.contains("security") && (lower.contains("header") || lower.contains("authenticat")
                || lower.contains("token")) || lower.contains("wsse")) {
            DegreeHubException refusal = SecurityFaults.malformedHeader("无法读取安全头", firstLine(text));
            return detail(refusal.code(), refusal.messageZh(), refusal.messageEn(), null);
        }
        if (lower.contains("received a dtd") || lower.contains("doctype") || lower.contains("undeclared general entity")
                || lower.contains("entity reference")) {
            return detail(FaultCode.INVALID_REQUEST, "请求报文不允许包含 DTD 或实体声明",
                    "DTDs and entity declarations are not allowed", null);
        }
        if (lower.contains("unexpected wrapper element") || lower.contains("no such operation")
                || lower.contains("not recognized") || lower.contains("unexpected element")
                || lower.contains("no binding operation") || lower.contains("can't find the bindingoperation")) {
            Matcher element = OPERATION_ELEMENT.matcher(text);
            return detail(FaultCode.INVALID_REQUEST, element.find()
                            ? "未知的操作或错误的命名空间：请求体中的元素 " + element.group(1) + " 不是本接口的操作"
                            : "未知的操作或错误的命名空间：请求体中的元素不是本接口的操作",
                    "Unknown operation or wrong namespace: " + firstLine(text), null);
        }
        if (has(chain, UnmarshalException.class) || has(chain, SAXException.class)
                || has(chain, XMLStreamException.class) || lower.contains("unmarshalling error")
                || lower.contains("cvc-") || lower.contains("unexpected character")
                || lower.contains("envelope") || lower.contains("unexpected eof")) {
            return detail(FaultCode.INVALID_REQUEST, unreadableZh(chain, text),
                    "Request does not conform to the contract: " + firstLine(text), null);
        }
        return null;
    }

    /** INTERNAL: a new trace id in the detail and both messages; whoever logs the failure logs this id with it. */
    private static FaultDetail internal() {
        String traceId = UUID.randomUUID().toString();
        FaultDetail d = detail(FaultCode.INTERNAL, "系统内部错误, 请稍后重试 (追踪号 " + traceId + ")",
                "Internal error, please retry later (trace " + traceId + ")", null);
        d.setTraceId(traceId);
        return d;
    }

    /**
     * What a parser, the schema or JAXB found wrong, in Chinese only (its English text stays in the English message):
     * the kind of error, the element when the text names one, and the line and column when known.
     */
    static String unreadableZh(List<Throwable> chain, String text) {
        return "请求报文不符合接口规范：" + problemZh(chain, text);
    }

    /**
     * For readers of documents outside CXF (the queue channel): what the parser, the schema or JAXB found wrong, in
     * Chinese, with the element and position when known; the caller says which document it was.
     */
    public static String problemZh(Throwable failure) {
        List<Throwable> chain = causes(failure);
        return problemZh(chain, allMessages(chain));
    }

    private static String problemZh(List<Throwable> chain, String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        StringBuilder zh = new StringBuilder(whatZh(lower));
        Matcher element = SCHEMA_ELEMENT.matcher(text);
        Matcher quoted = QUOTED_ELEMENT.matcher(text);
        if (element.find()) {
            zh.append("（元素 ").append(element.group(1)).append("）");
        } else if (quoted.find()) {
            zh.append("（元素 ").append(quoted.group(1)).append("）");
        }
        int[] at = position(chain, text);
        if (at != null) {
            zh.append("，位置：第 ").append(at[0]).append(" 行第 ").append(at[1]).append(" 列");
        }
        return zh.toString();
    }

    private static String whatZh(String lower) {
        if (lower.contains("invalid utf-8") || lower.contains("malformed byte") || lower.contains("invalid byte")
                || lower.contains("malformedinput")) {
            return "含有不是 UTF-8 编码的字节";
        }
        if (lower.contains("unexpected eof") || lower.contains("premature end") || lower.contains("unexpected end")) {
            return "报文不完整，在结束前中断";
        }
        if (lower.contains("close tag") || lower.contains("end-tag") || lower.contains("end tag")) {
            return "元素的开始标签与结束标签不匹配";
        }
        if (lower.contains("unexpected character") || lower.contains("illegal character")
                || lower.contains("invalid character")) {
            return "出现不允许的字符";
        }
        if (lower.contains("cvc-complex-type.2.4.b") || lower.contains("cvc-complex-type.4")) {
            return "缺少必需的元素或属性";
        }
        if (lower.contains("cvc-complex-type.2.4")) {
            return "出现接口未定义或位置不对的元素";
        }
        if (lower.contains("cvc-datatype-valid") || lower.contains("cvc-pattern-valid") || lower.contains("cvc-type")
                || lower.contains("length-valid") || lower.contains("cvc-enumeration") || lower.contains("inclusive-valid")
                || lower.contains("exclusive-valid") || lower.contains("digits-valid")) {
            return "字段的值不符合接口定义的格式或取值范围";
        }
        if (lower.contains("cvc-")) {
            return "内容不符合接口的 XML Schema 定义";
        }
        if (lower.contains("unmarshalling error")) {
            return "内容无法按接口定义读取";
        }
        if (lower.contains("envelope")) {
            return "SOAP 信封结构不正确";
        }
        return "XML 格式错误";
    }

    /**
     * Line and column of a parser error: from the exceptions that carry them (SAXParseException, a Woodstox or
     * other XMLStreamException's location), else from the text (Woodstox "[row,col]:[3,15]", SAX "lineNumber: 3;
     * columnNumber: 15"); null when none is known.
     */
    static int[] position(List<Throwable> chain, String text) {
        for (Throwable t : chain) {
            if (t instanceof SAXParseException p && p.getLineNumber() > 0) {
                return new int[] {p.getLineNumber(), Math.max(p.getColumnNumber(), 0)};
            }
            if (t instanceof XMLStreamException x && x.getLocation() != null && x.getLocation().getLineNumber() > 0) {
                return new int[] {x.getLocation().getLineNumber(), Math.max(x.getLocation().getColumnNumber(), 0)};
            }
        }
        for (Pattern p : new Pattern[] {WOODSTOX_POSITION, SAX_POSITION}) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))};
            }
        }
        return null;
    }

    /** MustUnderstand names the headers the interface does not know; VersionMismatch is another SOAP version. */
    private static String envelopeNotAcceptedZh(SoapFault fault) {
        if ("VersionMismatch".equals(fault.getFaultCode().getLocalPart())) {
            return "SOAP 信封不被接受：本接口只接受 SOAP 1.1 信封";
        }
        Matcher headers = HEADER_LIST.matcher(String.valueOf(fault.getMessage()));
        return headers.find()
                ? "SOAP 信封不被接受：标为必须理解（mustUnderstand）的头 " + headers.group(1) + " 不是本接口认识的头"
                : "SOAP 信封不被接受：有标为必须理解（mustUnderstand）的头不是本接口认识的头";
    }

    /**
     * The failure and its causes, outermost first. Follows getCause() and, where that is empty, the older
     * nesting of XMLStreamException, SAXException and JAXBException (a parser may keep the IOException of the
     * payload limit only there). Stops at a cycle.
     */
    static List<Throwable> causes(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = failure; t != null && chain.size() < MAX_CHAIN && seen.add(t); t = next(t)) {
            chain.add(t);
        }
        return chain;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null) {
            return t.getCause();
        }
        if (t instanceof XMLStreamException x) {
            return x.getNestedException();
        }
        if (t instanceof SAXException s) {
            return s.getException();
        }
        if (t instanceof JAXBException j) {
            return j.getLinkedException();
        }
        return null;
    }

    private static boolean has(List<Throwable> chain, Class<?> type) {
        return chain.stream().anyMatch(type::isInstance);
    }

    private static String allMessages(List<Throwable> chain) {
        StringBuilder sb = new StringBuilder();
        for (Throwable c : chain) {
            sb.append(c.getClass().getSimpleName()).append(": ").append(c.getMessage()).append(" | ");
        }
        return sb.toString();
    }

    /** The first message in the chain that says something (a JAXB wrapper's own message is often null). */
    private static String firstLine(String text) {
        String first = null;
        for (String part : text.split(" \\| ")) {
            int colon = part.indexOf(": ");
            String s = colon > 0 ? part.substring(colon + 2) : part;
            if (first == null) {
                first = s;
            }
            if (!s.isBlank() && !"null".equals(s)) {
                first = s;
                break;
            }
        }
        String s = first == null ? text : first;
        return s.length() > 300 ? s.substring(0, 300) : s;
    }
}
