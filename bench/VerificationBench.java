import cn.degreehub.contract.filing.DegreeFilingPortType;
import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.filing.SubmitFilingBatchRequest;
import cn.degreehub.contract.portal.NotifyApplicationStatusRequest;
import cn.degreehub.contract.portal.PortalNotificationPortType;
import cn.degreehub.contract.types.DegreeLevel;
import cn.degreehub.contract.verification.Applicant;
import cn.degreehub.contract.verification.ApplicationStatus;
import cn.degreehub.contract.verification.DegreeAsApplied;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.contract.verification.GetApplicationStatusRequest;
import cn.degreehub.contract.verification.Language;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.SubmitApplicationResponse;
import cn.degreehub.contract.verification.VerifyReportRequest;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.report.Report;
import cn.degreehub.report.ReportDocument;
import cn.degreehub.report.ReportSigner;
import cn.degreehub.report.SigningKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.transform.Templates;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.cxf.frontend.ClientProxy;
import org.apache.cxf.jaxws.JaxWsProxyFactoryBean;
import org.apache.cxf.transport.http.HTTPConduit;
import org.apache.cxf.ws.security.wss4j.WSS4JStaxOutInterceptor;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;
import org.apache.wss4j.common.ext.WSPasswordCallback;
import org.apache.wss4j.stax.ext.WSSConstants;
import org.apache.wss4j.stax.ext.WSSSecurityProperties;
import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;

/**
 * Verification benchmark against a running hub (see run-verification.sh):
 *  1. instant path through SOAP: submitApplication that matches → signed report in the same call, ZH and ZH+EN;
 *  2. baseline in this process: the same report rendered and signed with a naively configured FopFactory
 *     (a new factory per render, fonts read from the jar each time);
 *  3. read operations verifyReport / getApplicationStatus with WS-Security next to a bare CXF call
 *     (the portal simulator endpoint: no security, no database).
 * args: hubUrl applications threads readRequests
 */
public class VerificationBench {

    static final String UNIT = "10056";

    public static void main(String[] args) throws Exception {
        String hub = args[0];
        int applications = Integer.parseInt(args[1]);
        int threads = Integer.parseInt(args[2]);
        int reads = Integer.parseInt(args[3]);
        HeapWatcher heap = new HeapWatcher(hub);
        heap.start();

        // records to match: filed as province-12, published by the admin
        int n = applications * 2 + 40;
        List<FilingRecord> records = DemoRecords.records(UNIT, "天津大学", "120104", 3, 2022, 700_000, n);
        DegreeFilingPortType filing = client(DegreeFilingPortType.class, hub + "/services/filing", "province-12");
        for (int from = 0; from < n; from += 1000) {
            SubmitFilingBatchRequest batch = new SubmitFilingBatchRequest();
            batch.setBatchId("bench-verif-" + System.nanoTime());
            batch.setProvinceCode("12");
            batch.setUnitCode(UNIT);
            batch.setSemester("2021-2022-2");
            batch.getRecord().addAll(records.subList(from, Math.min(n, from + 1000)));
            filing.submitFilingBatch(batch);
        }
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hub + "/admin/api/publication/run"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());

        List<DegreeVerificationPortType> portals = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            portals.add(client(DegreeVerificationPortType.class, hub + "/services/verification", "portal"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        // warm-up: 20 applications
        List<String> reportNos = new ArrayList<>();
        List<String> applicationNos = new ArrayList<>();
        run(pool, threads, 20, i -> submit(portals.get(i % threads), records.get(n - 1 - i), List.of(Language.ZH), null, null));

        System.out.println();
        System.out.println("== degree-hub verification benchmark (" + Runtime.getRuntime().availableProcessors() + " cores, "
                + threads + " client threads) ==");
        heap.reset();
        Result zh = run(pool, threads, applications, i -> submit(portals.get(i % threads), records.get(i),
                List.of(Language.ZH), reportNos, applicationNos));
        System.out.printf("instant path, ZH:     %4d applications, %6.1f signed reports/s, p50 %4d ms, p99 %4d ms%n",
                applications, zh.perSecond(), zh.percentile(50), zh.percentile(99));
        Result both = run(pool, threads, applications, i -> submit(portals.get(i % threads), records.get(applications + i),
                List.of(Language.ZH, Language.EN), null, null));
        System.out.printf("instant path, ZH+EN:  %4d applications, %6.1f applications/s (%5.1f PDFs/s), p50 %4d ms, p99 %4d ms%n",
                applications, both.perSecond(), both.perSecond() * 2, both.percentile(50), both.percentile(99));
        long reportHeap = heap.peak();

        double naive = naiveRenderAndSign(Math.max(10, applications / 10));
        System.out.printf("baseline in process: render+sign (ZH) with a naive FopFactory: %6.1f reports/s (1 thread)%n", naive);
        System.out.printf("      ratio SOAP instant path (ZH) / naive in-process render = %.2f   (goal >= 40 reports/s, p99 <= 300 ms)%n",
                zh.perSecond() / naive);

        heap.reset();
        Result verify = run(pool, threads, reads, i -> {
            VerifyReportRequest r = new VerifyReportRequest();
            r.setReportNo(reportNos.get(i % reportNos.size()));
            try {
                portals.get(i % threads).verifyReport(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Result status = run(pool, threads, reads, i -> {
            GetApplicationStatusRequest r = new GetApplicationStatusRequest();
            r.setApplicationNo(applicationNos.get(i % applicationNos.size()));
            try {
                portals.get(i % threads).getApplicationStatus(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        List<PortalNotificationPortType> echoes = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            echoes.add(client(PortalNotificationPortType.class, hub + "/services/portal-simulator", null));
        }
        Result echo = run(pool, threads, reads, i -> {
            NotifyApplicationStatusRequest r = new NotifyApplicationStatusRequest();
            r.setEventId("bench-" + i);
            r.setApplicationNo("A000000000000");
            r.setStatus(ApplicationStatus.RECEIVED);
            r.setChangedAt(OffsetDateTime.now());
            try {
                echoes.get(i % threads).notifyApplicationStatus(r);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        System.out.printf("verifyReport (WS-Security):         %7.0f req/s, p99 %3d ms%n", verify.perSecond(), verify.percentile(99));
        System.out.printf("getApplicationStatus (WS-Security): %7.0f req/s, p99 %3d ms%n", status.perSecond(), status.percentile(99));
        System.out.printf("bare CXF call (no security, no DB): %7.0f req/s, p99 %3d ms%n", echo.perSecond(), echo.percentile(99));
        System.out.printf("      ratio verifyReport / bare = %.2f, getApplicationStatus / bare = %.2f   (goal >= 2,500 req/s, ratio >= 0.6)%n",
                verify.perSecond() / echo.perSecond(), status.perSecond() / echo.perSecond());
        System.out.printf("hub peak heap: %d MB during report load, %d MB during reads (hub -Xmx in run-verification.sh; goal <= 512 MB)%n",
                reportHeap / 1024 / 1024, heap.peak() / 1024 / 1024);
        if (args.length > 4) {
            // for the wrk phase of run-verification.sh: one real report and application to read
            Files.writeString(Path.of(args[4]), "REPORT_NO=" + reportNos.get(0) + "\nAPPLICATION_NO="
                    + applicationNos.get(0) + "\n");
        }
        heap.stopWatching();
        pool.shutdown();
        System.exit(0);
    }

    static synchronized void add(List<String> list, String value) {
        list.add(value);
    }

    static void submit(DegreeVerificationPortType portal, FilingRecord r, List<Language> languages, List<String> reports,
                       List<String> applications) {
        SubmitApplicationRequest request = new SubmitApplicationRequest();
        request.setRequestId("bench-" + System.nanoTime() + "-" + Thread.currentThread().getId());
        Applicant applicant = new Applicant();
        applicant.setName(r.getXM());
        applicant.setIdType("01");
        applicant.setIdNumber(r.getZJHM());
        request.setApplicant(applicant);
        DegreeAsApplied d = new DegreeAsApplied();
        d.setHolderName(r.getXM());
        d.setIdType("01");
        d.setIdNumber(r.getZJHM());
        d.setUnitCode(UNIT);
        d.setLevel(DegreeLevel.MASTER);
        d.setAwardDate(LocalDate.parse(r.getHXWRQ(), DateTimeFormatter.BASIC_ISO_DATE));
        d.setCertificateNumber(r.getXWZSBH());
        request.setDegree(d);
        request.getLanguages().addAll(languages);
        SubmitApplicationResponse answer;
        try {
            answer = portal.submitApplication(request);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (answer.getStatus() != ApplicationStatus.COMPLETED) {
            throw new IllegalStateException("not matched at once: " + answer.getStatus() + " " + answer.getDifferingField());
        }
        if (reports != null) {
            synchronized (reports) {
                reports.add(answer.getReportNo());
                applications.add(answer.getApplicationNo());
            }
        }
    }

    record Result(long[] latenciesNanos, long totalNanos) {
        double perSecond() {
            return latenciesNanos.length / (totalNanos / 1e9);
        }

        long percentile(int p) {
            long[] sorted = latenciesNanos.clone();
            Arrays.sort(sorted);
            return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1_000_000;
        }
    }

    static Result run(ExecutorService pool, int threads, int count, IntConsumer call) throws Exception {
        long[] latencies = new long[count];
        AtomicInteger next = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    long s = System.nanoTime();
                    call.accept(i);
                    latencies[i] = System.nanoTime() - s;
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        return new Result(latencies, System.nanoTime() - start);
    }

    /** What a first attempt does: a fresh FopFactory per render, fonts re-read from the jar, same template and signer. */
    static double naiveRenderAndSign(int count) throws Exception {
        Path conf = Path.of("config/reports/fop.xconf");
        Templates template = TransformerFactory.newDefaultInstance().newTemplates(new StreamSource(new File("config/reports/report.xsl")));
        Clock clock = Clock.systemUTC();
        Path keystore = Files.createTempDirectory("bench-key").resolve("k.p12");
        ReportSigner signer = new ReportSigner(SigningKeys.load(keystore, "pw".toCharArray(), "k", SigningKeys.Algorithm.RSA,
                true, "CN=bench", clock), clock, "bench", "Beijing");
        ResourceResolver fromJar = new ResourceResolver() {
            public Resource getResource(URI uri) throws java.io.IOException {
                if ("classpath".equals(uri.getScheme())) {
                    return new Resource(VerificationBench.class.getClassLoader().getResourceAsStream(uri.getSchemeSpecificPart()));
                }
                return new Resource(uri.toURL().openStream());
            }

            public java.io.OutputStream getOutputStream(URI uri) {
                throw new UnsupportedOperationException();
            }
        };
        Report sample = new Report("R202611230000001", "ABCDEFGHJKMNPQRS", "A1", "CONSISTENT", List.of(), "王伟", null,
                "01", "120104199803070006", UNIT, "天津大学", cn.degreehub.degree.DegreeLevel.MASTER, new cn.degreehub.degree.Degree.Discipline("0812", "计算机科学与技术", null),
                LocalDate.of(2021, 6, 30), "1005632021100000", List.of("ZH"), Instant.now(), LocalDate.now(),
                LocalDate.now().plusDays(90), "VALID", null);
        byte[] confBytes = Files.readAllBytes(conf);
        for (int warm = 0; warm < 3; warm++) {
            naiveOnce(confBytes, conf, fromJar, template, signer, sample);
        }
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            naiveOnce(confBytes, conf, fromJar, template, signer, sample);
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    static void naiveOnce(byte[] confBytes, Path conf, ResourceResolver resolver, Templates template, ReportSigner signer,
                          Report sample) throws Exception {
        FopFactory factory = new FopConfParser(new ByteArrayInputStream(confBytes), conf.toAbsolutePath().getParent().toUri(),
                resolver).getFopFactoryBuilder().build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var fop = factory.newFop(MimeConstants.MIME_PDF, factory.newFOUserAgent(), out);
        template.newTransformer().transform(new DOMSource(ReportDocument.build(sample, cn.degreehub.report.ReportLanguage.ZH, "http://x/verify/ABC")),
                new SAXResult(fop.getDefaultHandler()));
        signer.sign(out.toByteArray(), "bench");
    }

    static <T> T client(Class<T> type, String address, String user) {
        JaxWsProxyFactoryBean factory = new JaxWsProxyFactoryBean();
        factory.setServiceClass(type);
        factory.setAddress(address);
        if (user != null) {
            WSSSecurityProperties security = new WSSSecurityProperties();
            security.setActions(List.of(WSSConstants.USERNAMETOKEN));
            security.setTokenUser(user);
            security.setUsernameTokenPasswordType(WSSConstants.UsernameTokenPasswordType.PASSWORD_TEXT);
            security.setCallbackHandler(callbacks -> {
                for (var c : callbacks) {
                    ((WSPasswordCallback) c).setPassword(user + "-pass");
                }
            });
            factory.getOutInterceptors().add(new WSS4JStaxOutInterceptor(security));
        }
        T port = factory.create(type);
        ((HTTPConduit) ClientProxy.getClient(port).getConduit()).getClient().setReceiveTimeout(120_000);
        return port;
    }

    /** Polls the hub's heap in use through actuator (ADMIN) and keeps the highest value seen. */
    static final class HeapWatcher extends Thread {
        private final HttpClient http = HttpClient.newHttpClient();
        private final HttpRequest request;
        private final AtomicLong peak = new AtomicLong();
        private volatile boolean running = true;

        HeapWatcher(String hub) {
            setDaemon(true);
            request = HttpRequest.newBuilder(URI.create(hub + "/actuator/metrics/jvm.memory.used?tag=area:heap"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:admin-pass".getBytes()))
                    .build();
        }

        @Override
        public void run() {
            Pattern value = Pattern.compile("\"value\"\\s*:\\s*([0-9.E+]+)");
            while (running) {
                try {
                    Matcher m = value.matcher(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
                    if (m.find()) {
                        peak.accumulateAndGet((long) Double.parseDouble(m.group(1)), Math::max);
                    }
                    Thread.sleep(100);
                } catch (Exception e) {
                    // the hub may be busy; the next poll counts
                }
            }
        }

        void reset() {
            peak.set(0);
        }

        long peak() {
            return peak.get();
        }

        void stopWatching() {
            running = false;
        }
    }
}
