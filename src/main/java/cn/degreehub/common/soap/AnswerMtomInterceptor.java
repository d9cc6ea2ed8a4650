package cn.degreehub.common.soap;

import jakarta.activation.DataHandler;
import jakarta.xml.bind.annotation.XmlType;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.cxf.interceptor.AttachmentOutInterceptor;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Decides per answer of an MTOM endpoint whether it goes out as MTOM (multipart/related, the binary as an XOP part)
 * or as plain text/xml: MTOM only when the answer's contract type carries binary content (getReport's {@code pdf})
 * and the caller did not ask for it inline, with {@code inline=true} in the endpoint address's query or the HTTP
 * header {@code X-DegreeHub-Inline: true}; then the binary is base64 inside the envelope. Answers without binary and
 * faults are always text/xml, whatever the request was. docs/partner-interfaces.md, "MTOM".
 * <p>
 * Runs just before CXF's AttachmentOutInterceptor, which reads {@link Message#MTOM_ENABLED} to choose the format
 * (and JAXB later reads it to choose XOP or base64), and after CXF's MTOM policy interceptor, which turns MTOM on
 * for the answer to any MTOM request.
 */
public class AnswerMtomInterceptor extends AbstractPhaseInterceptor<Message> {

    /** The query parameter of the endpoint address that asks for binary inline. */
    public static final String INLINE_PARAMETER = "inline";
    /** The HTTP header that asks the same, for a client that can set headers more easily than its address. */
    public static final String INLINE_HEADER = "X-DegreeHub-Inline";

    private static final ClassValue<Boolean> BINARY = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return carriesBinary(type, new HashSet<>());
        }
    };

    public AnswerMtomInterceptor() {
        super(Phase.PRE_STREAM);
        addBefore(AttachmentOutInterceptor.class.getName());
    }

    @Override
    public void handleMessage(Message message) {
        Message request = message.getExchange().getInMessage();
        boolean mtom = message.getContent(Exception.class) == null && answerCarriesBinary(message.getContent(List.class))
                && !(request != null && inlineAsked(request));
        message.put(Message.MTOM_ENABLED, mtom);
    }

    /** Whether the caller asked for binary inline ({@link #INLINE_PARAMETER} or {@link #INLINE_HEADER}). */
    static boolean inlineAsked(Message request) {
        Object query = request.get(Message.QUERY_STRING);
        if (query != null) {
            for (String parameter : query.toString().split("&")) {
                String[] nameValue = parameter.split("=", 2);
                if (nameValue[0].equals(INLINE_PARAMETER) && nameValue.length == 2 && nameValue[1].equalsIgnoreCase("true")) {
                    return true;
                }
            }
        }
        if (request.get(Message.PROTOCOL_HEADERS) instanceof Map<?, ?> headers) {
            for (Map.Entry<?, ?> header : headers.entrySet()) {
                if (INLINE_HEADER.equalsIgnoreCase(String.valueOf(header.getKey())) && header.getValue() instanceof List<?> values
                        && values.stream().anyMatch(v -> "true".equalsIgnoreCase(String.valueOf(v).trim()))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean answerCarriesBinary(List<?> contents) {
        return contents != null && contents.stream().anyMatch(o -> o != null && BINARY.get(o.getClass()));
    }

    /** Whether a contract (JAXB) type declares binary content, itself or in an element of a nested contract type. */
    static boolean carriesBinary(Type type, Set<Class<?>> seen) {
        if (type instanceof ParameterizedType parameterized) { // List<Attachment>
            for (Type argument : parameterized.getActualTypeArguments()) {
                if (carriesBinary(argument, seen)) {
                    return true;
                }
            }
            return false;
        }
        if (!(type instanceof Class<?> c)) {
            return false;
        }
        if (c == DataHandler.class || c == byte[].class) {
            return true;
        }
        if (!c.isAnnotationPresent(XmlType.class) || !seen.add(c)) {
            return false;
        }
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field field : k.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers()) && carriesBinary(field.getGenericType(), seen)) {
                    return true;
                }
            }
        }
        return false;
    }
}
