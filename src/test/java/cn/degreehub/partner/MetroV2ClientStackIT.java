package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.demo.DemoRecords;
import cn.degreehub.demo.UnitSimulator;
import cn.degreehub.report.ReportPdfs;
import cn.degreehub.support.ClientStacks;
import cn.degreehub.support.ClientStacks.Run;
import cn.degreehub.support.HubTestSupport;
import jakarta.jws.WebParam;
import jakarta.xml.ws.Holder;
import jakarta.xml.ws.RequestWrapper;
import java.io.File;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A partner on Metro (JAX-WS RI) for contract v2, generated in wsimport's default (wrapper) style: wsimport over the
 * v2 WSDLs as this hub serves them (/services/v2/&lt;service&gt;?wsdl) without a binding file, the generated client and
 * src/test/partners/metro/MetroPartnerV2.java compiled and run in a JVM of its own whose class path is Metro's only.
 * The proof that v2 is document/literal wrapped as a generator sees it: every operation of the generated SEIs is a
 * method with the request's fields as parameters (no request object), and every one of them is called through those
 * methods with success; every fault code a partner can provoke is parsed from Metro's typed fault; the report comes as
 * an MTOM part with the center's signature valid (docs/partners/client-stacks.md, "Metro, contract v2 (wrapped)").
 */
class MetroV2ClientStackIT extends HubTestSupport {

    @Autowired
    UnitSimulator unitSimulator;

    @Test
    void aWrapperStyleMetroClientGeneratedFromTheServedV2WsdlsCallsEveryOperationThroughMethodsWithParameters() throws Exception {
        String metro = ClientStacks.metroClasspath();
        assumeTrue(metro != null, "Metro (com.sun.xml.ws:jaxws-rt/jaxws-tools 4.0.3) could not be resolved from the"
                + " local Maven repository nor Maven Central: the Metro client stack is not tried");
        Path work = ClientStacks.workDirectory("metro-v2");
        Path partnerSources = Path.of("src/test/partners/metro").toAbsolutePath();
        String base = url("");

        // wsimport over the v2 WSDLs (and the schemas they import) as the hub serves them, its default style
        Run generated = ClientStacks.run(List.of(ClientStacks.java(), "-cp", metro,
                partnerSources.resolve("WsImportAll.java").toString(), base, work.toString(), "v2"), work, Duration.ofMinutes(3));
        assertThat(generated.exitCode()).as(generated.text()).isZero();
        assertThat(ClientStacks.linesAfter(generated, "GENERATED ")).as(generated.text())
                .containsExactly(base + "/services/v2/verification?wsdl", base + "/services/v2/filing?wsdl",
                        base + "/services/v2/check?wsdl");
        try (Stream<Path> files = Files.list(work)) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no binding file: wsimport's defaults")
                    .noneMatch(f -> f.startsWith("bindings"));
        }
        Path generatedSources = work.resolve("generated");
        assertThat(generatedSources.resolve("partner/metro/v2/verification/DegreeVerificationService.java")).exists();

        // compiled against Metro's class path only (no hub class, no CXF)
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(generatedSources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
        }
        sources.add(partnerSources.resolve("MetroPartnerV2.java").toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-encoding", "UTF-8", "-nowarn", "-proc:none",
                "-cp", metro, "-d", classes.toString()));
        arguments.addAll(sources);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int compiled = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(compiled).as(errors.toString(StandardCharsets.UTF_8)).isZero();

        // the point of v2: the generated SEIs are unwrapped, each operation a method with parameters
        assertUnwrapped(classes);

        // what the province files and the portal applies for: master's degrees of 天津大学, one of them classified
        List<FilingRecord> filed = DemoRecords.records("10056", "天津大学", "120104", 3, 2025, freshSequences(4), 4);
        filed.get(2).setSFSM("1");
        Properties input = new Properties();
        ClientStacks.putRecords(input, "filed", filed);
        ClientStacks.putRecords(input, "unfiled",
                DemoRecords.records("10056", "x", "420106", 3, 2023, 800_000 + freshSequences(1), 1));
        input.setProperty("classified", filed.get(2).getXWZSBH());
        input.setProperty("semester", "2024-2025-2");
        input.setProperty("today", OffsetDateTime.parse(System.getProperty(CLOCK_PROPERTY, "2026-11-23T10:00:00+08:00"))
                .toLocalDate().toString());
        Path inputFile = work.resolve("input.properties");
        ClientStacks.store(input, inputFile);

        // the demo unit 10056 would answer the objection's check request itself: the Metro client answers it
        unitSimulator.setAnswering(false);
        Run partner;
        try {
            partner = ClientStacks.run(List.of(ClientStacks.java(), "-Dfile.encoding=UTF-8",
                    "-cp", metro + File.pathSeparator + classes, "partner.metro.v2.MetroPartnerV2", base, inputFile.toString(),
                    work.toString()), work, Duration.ofMinutes(3));
        } finally {
            unitSimulator.setAnswering(true);
        }
        String output = partner.text();
        assertThat(ClientStacks.linesAfter(partner, "FAIL ")).as(output).isEmpty();
        assertThat(partner.lines()).as(output).contains("END failures=0");
        assertThat(partner.exitCode()).as(output).isZero();
        assertThat(ClientStacks.linesAfter(partner, "PROVIDER ")).as("the child's JAX-WS provider")
                .singleElement().asString().startsWith("com.sun.xml.ws.");
        // as the partner's own JVM sees it (Metro's classes): submitApplication's first parameter the requestId
        assertThat(ClientStacks.linesAfter(partner, "SEI ")).as(output)
                .anyMatch(l -> l.startsWith("DegreeVerificationPortType.submitApplication(String, Applicant, DegreeAsApplied, "));

        // every operation of the served v2 WSDLs called once with success: a new operation without a Metro call fails here
        Set<String> served = ClientStacks.servedOperations(base, "/services/v2/");
        assertThat(served).hasSizeGreaterThanOrEqualTo(19);
        Set<String> called = new TreeSet<>();
        ClientStacks.linesAfter(partner, "OK op ").forEach(l -> called.add(l.split(" ")[0]));
        assertThat(called).as(output).isEqualTo(served);

        // each fault code a partner can provoke, as v1's (MetroClientStackIT.FAULTS): the same faults in v2
        Set<String> faults = new TreeSet<>();
        ClientStacks.linesAfter(partner, "OK fault ").forEach(l -> faults.add(l.split(" ")[0]));
        assertThat(faults).as(output).containsAll(Set.of("INVALID_ID_NUMBER", "NOT_FOUND", "UNAUTHENTICATED", "INVALID_REQUEST"))
                .isEqualTo(MetroClientStackIT.FAULTS);
        assertThat(ClientStacks.linesAfter(partner, "OK receipt ")).as(output)
                .singleElement().asString().startsWith("DUPLICATE_RECORD rejected=1 code=DUPLICATE_RECORD");

        // what v2 changed, as the partner read it: discipline as code and name, the national record typed
        assertThat(ClientStacks.linesAfter(partner, "OK op DegreeVerificationService.verifyReport ")).as(output)
                .singleElement().asString().contains("disciplineCode=").contains("disciplineName=");
        assertThat(ClientStacks.linesAfter(partner, "OK databaseRecord ")).as(output)
                .singleElement().asString().startsWith("level=MASTER honorary=");

        // the report as an XOP part and inline: the same bytes, the center's signature valid
        assertThat(output).contains("OK getReport answered as MTOM: multipart/related")
                .contains("OK getReport?inline=true answered as text/xml");
        byte[] mtom = Files.readAllBytes(work.resolve("report-mtom.pdf"));
        byte[] inline = Files.readAllBytes(work.resolve("report-inline.pdf"));
        assertThat(new String(mtom, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(ReportPdfs.signatureValid(mtom)).isTrue();
        assertThat(inline).isEqualTo(mtom);
    }

    /**
     * Every method of the three generated SEIs is wrapper style: it names its request wrapper (@RequestWrapper) and
     * takes none of it, only its fields; submitApplication takes several, the first the requestId String.
     */
    private static void assertUnwrapped(Path classes) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                MetroV2ClientStackIT.class.getClassLoader())) {
            Class<?> verification = loader.loadClass("partner.metro.v2.verification.DegreeVerificationPortType");
            Method submit = Stream.of(verification.getMethods()).filter(m -> m.getName().equals("submitApplication"))
                    .findFirst().orElseThrow();
            assertThat(submit.getParameterCount()).as(submit.toString()).isGreaterThan(1);
            assertThat(submit.getParameterTypes()[0]).as(submit.toString()).isEqualTo(String.class);
            assertThat(((WebParam) submit.getParameterAnnotations()[0][0]).name()).isEqualTo("requestId");
            assertThat(submit.getParameterTypes()).as(submit.toString()).contains(Holder.class);
            assertThat(submit.getReturnType()).isEqualTo(void.class);

            int methods = 0;
            for (String sei : List.of("verification.DegreeVerificationPortType", "filing.DegreeFilingPortType",
                    "check.DegreeCheckPortType")) {
                for (Method m : loader.loadClass("partner.metro.v2." + sei).getMethods()) {
                    RequestWrapper wrapper = m.getAnnotation(RequestWrapper.class);
                    assertThat(wrapper).as("wrapper style: " + m).isNotNull();
                    assertThat(wrapper.localName()).as(m.toString()).isEqualTo(m.getName());
                    Class<?> request = loader.loadClass(wrapper.className());
                    assertThat(m.getParameterTypes()).as("unwrapped: " + m).doesNotContain(request);
                    methods++;
                }
            }
            assertThat(methods).isGreaterThanOrEqualTo(19);
        }
    }
}
