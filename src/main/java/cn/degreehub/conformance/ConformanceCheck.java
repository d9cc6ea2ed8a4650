package cn.degreehub.conformance;

import cn.degreehub.common.soap.SoapClients.CallSecurity;
import cn.degreehub.common.soap.SoapClients.PasswordType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import org.apache.cxf.endpoint.Client;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;
import org.slf4j.LoggerFactory;

/**
 * The partner conformance checker (docs/partners/README.md, "Conformance checker"): sends a partner's own
 * PortalNotificationService or UnitCheckReceiver what the hub sends it, built and sent by the hub's own code
 * ({@link PortalConformance}, {@link UnitConformance}), and prints one line per check, {@code PASS|FAIL|WARN <check>
 * <detail>}, then a summary. Runs without the hub: {@code java -jar degree-hub.jar --conformance=portal|unit --url=...}
 * (cn.degreehub.DegreeHubApplication hands such a command line here) or tools/conformance.sh.
 */
public final class ConformanceCheck {

    /** The hub's own timeout for these calls (degreehub.portal.timeout-ms, degreehub.checks.timeout-ms). */
    static final long HUB_TIMEOUT_MS = 5000;

    public enum Outcome { PASS, FAIL, WARN }

    /** One line of the report. */
    public record Result(Outcome outcome, String check, String detail) {

        @Override
        public String toString() {
            return outcome + " " + check + " " + detail;
        }
    }

    /** What to check and how to call it: the hub's settings for this partner. */
    /** @param contract the contract version the partner implements, v1 or v2 (--contract, default v1) */
    public record Target(String role, String url, String user, String password, CallSecurity security, long timeoutMs,
                         String contract) {
    }

    private final List<Result> results = new ArrayList<>();
    private final PrintStream out;
    private long slowestMs;
    private int timeouts;

    ConformanceCheck(PrintStream out) {
        this.out = out;
    }

    /** Whether the command line asks for a conformance check rather than the hub. */
    public static boolean requested(String[] args) {
        for (String a : args) {
            if (a.startsWith("--conformance")) {
                return true;
            }
        }
        return false;
    }

    /** The command: the checks, then the process ends with their exit code. */
    public static void main(String[] args) {
        quietLogging();
        System.exit(run(args, System.out));
    }

    /** Runs the checks the command line names; the process's exit code (0 only when no check failed). */
    public static int run(String[] args, PrintStream out) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String a : args) {
            if (a.startsWith("--")) {
                String[] kv = a.substring(2).split("=", 2);
                options.put(kv[0], kv.length > 1 ? kv[1] : "true");
            }
        }
        Target target;
        try {
            target = target(options);
        } catch (IllegalArgumentException e) {
            out.println("用法 / usage: --conformance=portal|unit --url=<endpoint> [--user=degree-hub] [--password=...]"
                    + " [--password-type=DIGEST|TEXT] [--timestamp=true] [--timestamp-ttl=PT5M] [--timeout-ms=5000]");
            out.println("FAIL arguments " + e.getMessage());
            return 2;
        }
        ConformanceCheck check = new ConformanceCheck(out);
        out.println("一致性检查 / conformance check: " + target.role() + " (contract " + target.contract() + ") at "
                + target.url() + " as " + target.user()
                + " (" + target.security().passwordType() + (target.security().timestamp() ? " + Timestamp" : "")
                + ", timeout " + target.timeoutMs() + " ms)");
        if (target.role().equals("portal")) {
            new PortalConformance(check, target).run();
        } else {
            new UnitConformance(check, target).run();
        }
        return check.summary();
    }

    static Target target(Map<String, String> o) {
        String role = o.getOrDefault("conformance", "").toLowerCase(Locale.ROOT);
        if (!role.equals("portal") && !role.equals("unit")) {
            throw new IllegalArgumentException("--conformance must be portal or unit, not '" + role + "'");
        }
        String url = o.get("url");
        if (url == null || !(url.startsWith("http://") || url.startsWith("https://"))) {
            throw new IllegalArgumentException("--url must be the endpoint's http(s) address");
        }
        PasswordType type;
        try {
            type = PasswordType.valueOf(o.getOrDefault("password-type", "DIGEST").toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--password-type must be DIGEST or TEXT");
        }
        Duration ttl = o.containsKey("timestamp-ttl") ? Duration.parse(o.get("timestamp-ttl")) : null;
        CallSecurity security = new CallSecurity(type, Boolean.parseBoolean(o.getOrDefault("timestamp", "false")), ttl);
        long timeout = Long.parseLong(o.getOrDefault("timeout-ms", String.valueOf(HUB_TIMEOUT_MS)));
        // the hub's own user name for these calls (degreehub.portal.username, degreehub.checks.username)
        String contract = o.getOrDefault("contract", "v1");
        if (!contract.equals("v1") && !contract.equals("v2")) {
            throw new IllegalArgumentException("--contract must be v1 or v2");
        }
        return new Target(role, url, o.getOrDefault("user", "degree-hub"), o.getOrDefault("password", "degree-hub-pass"),
                security, timeout, contract);
    }

    /** CXF and the JDK log at INFO and below without Spring's logging configuration: only warnings here. */
    private static void quietLogging() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
        java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.SEVERE);
    }

    void pass(String check, String detail) {
        report(new Result(Outcome.PASS, check, detail));
    }

    void fail(String check, String detail) {
        report(new Result(Outcome.FAIL, check, detail));
    }

    void warn(String check, String detail) {
        report(new Result(Outcome.WARN, check, detail));
    }

    private void report(Result r) {
        results.add(r);
        out.println(r);
        out.flush();
    }

    /** A call to the partner, timed; its failure as the text of the line. */
    <T> Timed<T> timed(Callable<T> call) {
        long start = System.nanoTime();
        try {
            T value = call.call();
            long ms = (System.nanoTime() - start) / 1_000_000;
            slowestMs = Math.max(slowestMs, ms);
            return new Timed<>(value, null, ms);
        } catch (Exception e) {
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (isTimeout(e)) {
                timeouts++;
            }
            return new Timed<>(null, e, ms);
        }
    }

    record Timed<T>(T value, Exception failure, long ms) {
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.SocketTimeoutException || t instanceof java.net.http.HttpTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The failure in one line: the partner's SOAP fault (its code and text), an answer CXF could not read as the
     * contract's, or the innermost cause.
     */
    static String describe(Exception e, RawAnswers answers) {
        if (e instanceof jakarta.xml.ws.soap.SOAPFaultException f && answers != null && !answers.fault()) {
            return "the answer is not the contract's / 应答不符合接口规范: " + f.getFault().getFaultString().replaceAll("\\s+", " ");
        }
        return describe(e);
    }

    /** The failure in one line: a SOAP fault's code and text, else the innermost cause. */
    static String describe(Exception e) {
        if (e instanceof jakarta.xml.ws.soap.SOAPFaultException f) {
            return "SOAP fault " + f.getFault().getFaultCode() + ": " + f.getFault().getFaultString();
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root == e ? String.valueOf(e.getMessage()) : e.getMessage() + " (" + root + ")";
        return text.replaceAll("\\s+", " ");
    }

    /**
     * The partner's last raw answer on a client: CXF reports a fault the partner sent and an answer it could not read
     * alike (a SOAPFaultException), so whether the partner refused is read from what it sent.
     */
    static final class RawAnswers extends AbstractPhaseInterceptor<Message> {

        private volatile String body = "";

        RawAnswers() {
            super(Phase.RECEIVE);
        }

        /** Watches the answers of a client proxy made by the hub's code. */
        static RawAnswers on(Object port) {
            RawAnswers answers = new RawAnswers();
            Client client = ClientProxy.getClient(port);
            // the in chain reads every answer first, a fault too (the in-fault chain then gets the stream consumed)
            client.getInInterceptors().add(answers);
            return answers;
        }

        @Override
        public void handleMessage(Message message) {
            InputStream in = message.getContent(InputStream.class);
            if (in == null) {
                return;
            }
            try {
                byte[] bytes = in.readAllBytes();
                body = new String(bytes, StandardCharsets.UTF_8);
                message.setContent(InputStream.class, new ByteArrayInputStream(bytes));
            } catch (IOException e) {
                throw new Fault(e);
            }
        }

        /** Whether the last answer was a SOAP 1.1 fault. */
        boolean fault() {
            return SOAP_FAULT.matcher(body).find();
        }
    }

    private static final Pattern SOAP_FAULT = Pattern.compile(
            "<(\\w+:)?Fault[\\s>][\\s\\S]*<faultstring");

    /** GET {url}?wsdl: a WSDL of the contract's namespace naming the operation. */
    void wsdl(String url, String namespace, String operation, long timeoutMs) {
        String address = url + (url.contains("?") ? "&wsdl" : "?wsdl");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofMillis(timeoutMs)).build();
        Timed<HttpResponse<String>> got = timed(() -> http.send(HttpRequest.newBuilder(URI.create(address))
                .timeout(Duration.ofMillis(timeoutMs)).GET().build(), HttpResponse.BodyHandlers.ofString()));
        if (got.failure() != null) {
            fail("wsdl", "GET " + address + " failed / 无法获取: " + describe(got.failure()));
        } else if (got.value().statusCode() != 200) {
            // the hub never reads the partner's WSDL: not serving one is allowed, but worth knowing
            warn("wsdl", "GET " + address + " answered HTTP " + got.value().statusCode() + ": no WSDL served / 未提供 WSDL");
        } else if (!got.value().body().contains(namespace) || !got.value().body().contains("\"" + operation + "\"")) {
            fail("wsdl", "the WSDL at " + address + " does not declare " + operation + " in " + namespace
                    + " / WSDL 与接口规范不符");
        } else {
            pass("wsdl", address + " declares " + operation + " (" + got.ms() + " ms)");
        }
    }

    /** The line about answer times: every answer within the hub's timeout. */
    void answerTime(long timeoutMs) {
        if (timeouts > 0) {
            fail("answer-time", timeouts + " call(s) not answered within " + timeoutMs + " ms, the hub's timeout"
                    + " / 超时未应答: the hub would retry them");
        } else {
            pass("answer-time", "slowest answer " + slowestMs + " ms, within the hub's " + timeoutMs + " ms / 应答及时");
        }
    }

    private int summary() {
        long failed = results.stream().filter(r -> r.outcome() == Outcome.FAIL).count();
        long warned = results.stream().filter(r -> r.outcome() == Outcome.WARN).count();
        long passed = results.size() - failed - warned;
        out.println("结果 / summary: " + passed + " PASS, " + failed + " FAIL, " + warned + " WARN — "
                + (failed == 0 ? "符合接口规范 / conformant" : "不符合接口规范 / not conformant"));
        out.flush();
        return failed == 0 ? 0 : 1;
    }

    List<Result> results() {
        return List.copyOf(results);
    }
}
