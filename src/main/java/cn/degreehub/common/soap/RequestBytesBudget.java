package cn.degreehub.common.soap;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many request bytes the SOAP services read at once, whoever sends them. A request is read (MIME parts,
 * the envelope for WS-Security) before its caller is authenticated, and MTOM parts up to the attachment limit are
 * held in memory: without a budget, many large requests at once from anyone could fill the heap. Each request
 * reserves its Content-Length (the message limit when it has none) while the hub reads and answers it on this
 * thread; one that does not fit is answered at once with RATE_LIMITED (HTTP 503, Retry-After), and nothing of
 * it is read. A chunked request (no Content-Length) reserves what it has read as it reads, and its reading fails
 * once the budget is spent.
 */
public class RequestBytesBudget implements Filter {

    private final long budget;
    private final long messageLimit;
    private final AtomicLong reserved = new AtomicLong();

    public RequestBytesBudget(long budget, long messageLimit) {
        this.budget = budget;
        this.messageLimit = messageLimit;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!"POST".equals(((HttpServletRequest) request).getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        long length = request.getContentLengthLong();
        if (length < 0) {
            // chunked: what it has read so far is reserved as it reads (Counted); past the budget the read fails
            Counted counted = new Counted((HttpServletRequest) request);
            try {
                chain.doFilter(counted, response);
            } finally {
                reserved.addAndGet(-counted.held);
            }
            return;
        }
        // a larger declared length is refused by the message limit without being read: reserve no more than it
        long wanted = Math.min(length, messageLimit + 1);
        if (!reserve(wanted)) {
            refuse((HttpServletResponse) response);
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            reserved.addAndGet(-wanted);
        }
    }

    /** A chunked request: every 64 KiB it reads are reserved before they are handed on. */
    private final class Counted extends jakarta.servlet.http.HttpServletRequestWrapper {
        private static final int STEP = 64 * 1024;
        private long held;
        private long read;
        private jakarta.servlet.ServletInputStream stream;

        Counted(HttpServletRequest request) {
            super(request);
        }

        @Override
        public jakarta.servlet.ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                jakarta.servlet.ServletInputStream in = super.getInputStream();
                stream = new jakarta.servlet.ServletInputStream() {
                    @Override
                    public int read() throws IOException {
                        int b = in.read();
                        if (b >= 0) {
                            counted(1);
                        }
                        return b;
                    }

                    @Override
                    public int read(byte[] b, int off, int len) throws IOException {
                        int n = in.read(b, off, len);
                        if (n > 0) {
                            counted(n);
                        }
                        return n;
                    }

                    @Override
                    public boolean isFinished() {
                        return in.isFinished();
                    }

                    @Override
                    public boolean isReady() {
                        return in.isReady();
                    }

                    @Override
                    public void setReadListener(jakarta.servlet.ReadListener listener) {
                        in.setReadListener(listener);
                    }
                };
            }
            return stream;
        }

        private void counted(int n) throws IOException {
            read += n;
            while (read > held) {
                if (!reserve(STEP)) {
                    throw new IOException("The hub is receiving too much at once (RATE_LIMITED); retry shortly");
                }
                held += STEP;
            }
        }
    }

    private boolean reserve(long wanted) {
        while (true) {
            long now = reserved.get();
            // one request alone always fits, however large (it is still bounded by the message limit)
            if (now > 0 && now + wanted > budget) {
                return false;
            }
            if (reserved.compareAndSet(now, now + wanted)) {
                return true;
            }
        }
    }

    /** Bytes reserved by the requests being read now (a gauge). */
    public long reserved() {
        return reserved.get();
    }

    private static void refuse(HttpServletResponse response) throws IOException {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        response.setContentType("text/xml; charset=UTF-8");
        response.getOutputStream().write(("<soap:Envelope xmlns:soap=\"http://schemas.xmlsoap.org/soap/envelope/\">"
                + "<soap:Body><soap:Fault><faultcode>soap:Server</faultcode>"
                + "<faultstring>[RATE_LIMITED] The hub is receiving too much at once; retry shortly</faultstring>"
                + "<detail><faultDetail xmlns=\"urn:degreehub:types:v1\"><code>RATE_LIMITED</code>"
                + "<messageZh>平台同时接收的数据过多，请稍后重试</messageZh>"
                + "<messageEn>The hub is receiving too much at once; retry shortly</messageEn></faultDetail></detail>"
                + "</soap:Fault></soap:Body></soap:Envelope>").getBytes(StandardCharsets.UTF_8));
    }
}
