package cn.degreehub.common.soap;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses a request whose declared length is over the limit before reading it, and stops reading a
 * chunked one as soon as it passes the limit, so an oversized message never fills the heap.
 */
public class PayloadLimitInterceptor extends AbstractPhaseInterceptor<Message> {

    private final long limit;

    public PayloadLimitInterceptor(long limit) {
        super(Phase.RECEIVE);
        this.limit = limit;
    }

    @Override
    public void handleMessage(Message message) {
        @SuppressWarnings("unchecked")
        Map<String, List<String>> headers = (Map<String, List<String>>) message.get(Message.PROTOCOL_HEADERS);
        if (headers != null) {
            for (Map.Entry<String, List<String>> h : headers.entrySet()) {
                if ("content-length".equalsIgnoreCase(h.getKey()) && !h.getValue().isEmpty()) {
                    try {
                        if (Long.parseLong(h.getValue().get(0).trim()) > limit) {
                            throw new Fault(new PayloadTooLargeException(limit));
                        }
                    } catch (NumberFormatException ignored) {
                        // a bad header is left to the stream limit below
                    }
                }
            }
        }
        InputStream in = message.getContent(InputStream.class);
        if (in != null) {
            message.setContent(InputStream.class, new Limited(in, limit));
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long count;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }
    }
}
