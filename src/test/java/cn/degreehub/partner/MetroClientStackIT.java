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
import java.io.File;
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
 * A partner on Metro (JAX-WS RI) instead of CXF: wsimport over the WSDLs as this hub serves them, the generated
 * client and src/test/partners/metro/MetroPartner.java compiled and run in a JVM of its own whose class path is
 * Metro's only (so its JAX-WS provider is Metro's). Every operation of the three partner services is called and
 * every fault code a partner can provoke is parsed from Metro's typed fault (docs/partners/client-stacks.md).
 */
class MetroClientStackIT extends HubTestSupport {

    /** Each code of docs/partner-interfaces.md, "Faults", a partner can provoke, as a typed SOAP fault. */
    static final Set<String> FAULTS = Set.of("UNAUTHENTICATED", "FORBIDDEN", "INVALID_REQUEST", "NOT_FOUND", "INVALID_STATE",
            "INVALID_ID_NUMBER", "INVALID_CERTIFICATE_NUMBER", "RATE_LIMITED", "PAYLOAD_TOO_LARGE");

    @Autowired
    UnitSimulator unitSimulator;

    @Test
    void aMetroClientGeneratedFromTheServedWsdlsCallsEveryOperationAndReadsEveryFault() throws Exception {
        String metro = ClientStacks.metroClasspath();
        assumeTrue(metro != null, "Metro (com.sun.xml.ws:jaxws-rt/jaxws-tools 4.0.3) could not be resolved from the"
                + " local Maven repository nor Maven Central: the Metro client stack is not tried");
        Path work = ClientStacks.workDirectory("metro");
        Path partnerSources = Path.of("src/test/partners/metro").toAbsolutePath();
        String base = url("");

        // wsimport over the WSDLs (and the schemas they import) as the hub serves them
        Run generated = ClientStacks.run(List.of(ClientStacks.java(), "-cp", metro,
                partnerSources.resolve("WsImportAll.java").toString(), base, work.toString()), work, Duration.ofMinutes(3));
        assertThat(generated.exitCode()).as(generated.text()).isZero();
        assertThat(ClientStacks.linesAfter(generated, "GENERATED ")).hasSize(ClientStacks.PARTNER_SERVICES.size());
        Path generatedSources = work.resolve("generated");
        assertThat(generatedSources.resolve("partner/metro/verification/DegreeVerificationService.java")).exists();

        // compiled against Metro's class path only (no hub class, no CXF)
        Path classes = Files.createDirectories(work.resolve("classes"));
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(generatedSources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
        }
        sources.add(partnerSources.resolve("MetroPartner.java").toString());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> arguments = new ArrayList<>(List.of("-encoding", "UTF-8", "-nowarn", "-proc:none",
                "-cp", metro, "-d", classes.toString()));
        arguments.addAll(sources);
        java.io.ByteArrayOutputStream errors = new java.io.ByteArrayOutputStream();
        int compiled = javac.run(null, errors, errors, arguments.toArray(String[]::new));
        assertThat(compiled).as(errors.toString(StandardCharsets.UTF_8)).isZero();

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
                    "-cp", metro + File.pathSeparator + classes, "partner.metro.MetroPartner", base, inputFile.toString(),
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

        // every operation of the served WSDLs called once with success: a new operation without a Metro call fails here
        Set<String> served = ClientStacks.servedOperations(base);
        assertThat(served).hasSizeGreaterThanOrEqualTo(19);
        Set<String> called = new TreeSet<>();
        ClientStacks.linesAfter(partner, "OK op ").forEach(l -> called.add(l.split(" ")[0]));
        assertThat(called).as(output).isEqualTo(served);

        Set<String> faults = new TreeSet<>();
        ClientStacks.linesAfter(partner, "OK fault ").forEach(l -> faults.add(l.split(" ")[0]));
        assertThat(faults).as(output).isEqualTo(FAULTS);
        assertThat(ClientStacks.linesAfter(partner, "OK receipt ")).as(output)
                .singleElement().asString().startsWith("DUPLICATE_RECORD rejected=1 code=DUPLICATE_RECORD");

        // the report as an XOP part and inline: the same bytes, the center's signature valid
        assertThat(output).contains("OK getReport answered as MTOM: multipart/related")
                .contains("OK getReport?inline=true answered as text/xml");
        byte[] mtom = Files.readAllBytes(work.resolve("report-mtom.pdf"));
        byte[] inline = Files.readAllBytes(work.resolve("report-inline.pdf"));
        assertThat(new String(mtom, 0, 5, StandardCharsets.US_ASCII)).isEqualTo("%PDF-");
        assertThat(ReportPdfs.signatureValid(mtom)).isTrue();
        assertThat(inline).isEqualTo(mtom);
    }
}
