package cn.degreehub.support;

import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import java.nio.charset.StandardCharsets;

/** Bodies of the hub's queue messages (BytesMessages; dead letters are streamed: read them while the session is open). */
public final class JmsBodies {

    private JmsBodies() {
    }

    public static byte[] bytes(BytesMessage m) throws JMSException {
        byte[] bytes = new byte[(int) m.getBodyLength()];
        m.readBytes(bytes);
        return bytes;
    }

    public static String text(BytesMessage m) throws JMSException {
        return new String(bytes(m), StandardCharsets.UTF_8);
    }
}
