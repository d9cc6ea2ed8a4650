package cn.degreehub.support;

import cn.degreehub.contract.filing.FilingRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * Partners' SOAP stacks other than the hub's own CXF, run as processes of their own against the test hub
 * (docs/partners/client-stacks.md): the operations the hub serves, running a partner's program and reading its
 * lines, Metro's class path, the input a program gets.
 */
public final class ClientStacks {

    private static final String WSDL = "http://schemas.xmlsoap.org/wsdl/";
    /** The partner services a partner calls (the hub → partner ones run at the partner's). */
    public static final List<String> PARTNER_SERVICES = List.of("verification", "filing", "check");

    private ClientStacks() {
    }

    /** What a process printed and how it ended. */
    public record Run(int exitCode, List<String> lines) {
        public String text() {
            return String.join("\n", lines);
        }
    }

    /** Runs {@code command} in {@code directory}, its output and errors in one stream; killed after {@code timeout}. */
    public static Run run(List<String> command, Path directory, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile(Path.of("target").toAbsolutePath(), "client-stack-", ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        boolean ended = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!ended) {
            process.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        Files.delete(log);
        if (!ended) {
            lines = new ArrayList<>(lines);
            lines.add("FAIL timed out after " + timeout);
        }
        return new Run(ended ? process.exitValue() : -1, lines);
    }

    /** True when {@code command} runs and exits 0 within 60 s (a tool that is there and works). */
    public static boolean works(List<String> command) {
        try {
            return run(command, Path.of(".").toAbsolutePath(), Duration.ofSeconds(60)).exitCode() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** "Service.operation" of every operation in the port types of the partner services' WSDLs as the hub serves them. */
    public static Set<String> servedOperations(String base) throws Exception {
        return servedOperations(base, "/services/");
    }

    /**
     * As {@link #servedOperations(String)} for the WSDLs at {@code base + services + <service>?wsdl}: "/services/" for
     * contract v1, "/services/v2/" for contract v2.
     */
    public static Set<String> servedOperations(String base, String services) throws Exception {
        Set<String> operations = new TreeSet<>();
        for (String service : PARTNER_SERVICES) {
            HttpResponse<InputStream> answer = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(base + services + service + "?wsdl")).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document wsdl;
            try (InputStream body = answer.body()) {
                wsdl = factory.newDocumentBuilder().parse(body);
            }
            String name = ((Element) wsdl.getElementsByTagNameNS(WSDL, "service").item(0)).getAttribute("name");
            NodeList portTypes = wsdl.getElementsByTagNameNS(WSDL, "portType");
            for (int p = 0; p < portTypes.getLength(); p++) {
                NodeList ops = ((Element) portTypes.item(p)).getElementsByTagNameNS(WSDL, "operation");
                for (int o = 0; o < ops.getLength(); o++) {
                    operations.add(name + "." + ((Element) ops.item(o)).getAttribute("name"));
                }
            }
        }
        return operations;
    }

    /** The JDK's java launcher (the one running the tests). */
    public static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * Metro's class path (jaxws-rt, jaxws-tools and what they need), from the local Maven repository by
     * "dependency:build-classpath" of src/test/partners/metro/pom.xml: offline first, then online. Kept in
     * target/client-stacks/metro-classpath.txt while its jars exist. Null when it cannot be had.
     */
    public static String metroClasspath() throws IOException, InterruptedException {
        Path root = Path.of(".").toAbsolutePath().normalize();
        Path file = root.resolve("target/client-stacks/metro-classpath.txt");
        if (Files.exists(file)) {
            String cached = Files.readString(file).trim();
            if (!cached.isEmpty() && Stream.of(cached.split(java.io.File.pathSeparator)).allMatch(j -> Files.exists(Path.of(j)))) {
                return cached;
            }
        }
        Files.createDirectories(file.getParent());
        for (boolean offline : new boolean[] {true, false}) {
            List<String> command = new ArrayList<>(List.of(root.resolve("mvnw").toString(), "-B", "-q"));
            if (offline) {
                command.add("-o");
            }
            if (System.getProperty("maven.repo.local") != null) {
                command.add("-Dmaven.repo.local=" + System.getProperty("maven.repo.local"));
            }
            command.addAll(List.of("-f", "src/test/partners/metro/pom.xml", "dependency:build-classpath",
                    "-Dmdep.outputFile=" + file));
            if (run(command, root, Duration.ofMinutes(5)).exitCode() == 0 && Files.exists(file)) {
                return Files.readString(file).trim();
            }
        }
        return null;
    }

    /** An empty work directory under target/client-stacks. */
    public static Path workDirectory(String name) throws IOException {
        Path dir = Path.of("target", "client-stacks", name).toAbsolutePath();
        if (Files.exists(dir)) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    /** Filing records as properties {@code prefix.N.FIELD} (the XML names of FilingRecord's fields). */
    public static void putRecords(Properties properties, String prefix, List<FilingRecord> records) throws Exception {
        for (int i = 0; i < records.size(); i++) {
            for (Method getter : FilingRecord.class.getMethods()) {
                if (getter.getName().startsWith("get") && getter.getReturnType() == String.class
                        && getter.getParameterCount() == 0) {
                    Object value = getter.invoke(records.get(i));
                    if (value != null) {
                        properties.setProperty(prefix + "." + i + "." + getter.getName().substring(3), value.toString());
                    }
                }
            }
        }
    }

    public static void store(Properties properties, Path file) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(w, "input of a partner program (ClientStacks)");
        }
    }

    /**
     * The input of the zeep and node soap programs: an application for {@code record}'s (master's) degree as the
     * portal writes it, with a certificate scan (PNG) and an ID scan (JPEG) as base64, and a suffix for request ids.
     */
    public static void writeApplication(FilingRecord record, String suffix, Path file) throws IOException {
        var degree = PortalRequests.asApplied(record);
        var json = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        json.put("suffix", suffix);
        var d = json.putObject("degree");
        d.put("holderName", degree.getHolderName());
        d.put("idType", degree.getIdType());
        d.put("idNumber", degree.getIdNumber());
        d.put("unitCode", degree.getUnitCode());
        d.put("level", degree.getLevel().value());
        d.put("awardDate", degree.getAwardDate().toString());
        d.put("certificateNumber", degree.getCertificateNumber());
        d.put("discipline", degree.getDiscipline());
        var attachments = json.putArray("attachments");
        attachments.addObject().put("kind", "CERTIFICATE_SCAN").put("fileName", "certificate.png")
                .put("contentType", "image/png").put("content", java.util.Base64.getEncoder().encodeToString(PortalRequests.image("png")));
        attachments.addObject().put("kind", "ID_FRONT").put("fileName", "id.jpg")
                .put("contentType", "image/jpeg").put("content", java.util.Base64.getEncoder().encodeToString(PortalRequests.image("jpg")));
        Files.writeString(file, json.toString(), StandardCharsets.UTF_8);
    }

    /** The lines starting with {@code prefix}, without it. */
    public static List<String> linesAfter(Run run, String prefix) {
        return run.lines().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).toList();
    }

    /**
     * What the zeep and node scripts must report: no FAIL line, the five portal operations and the two faults they
     * provoke, in order, and a clean exit.
     */
    public static void assertPortalScriptPassed(Run run) {
        String output = run.text();
        org.assertj.core.api.Assertions.assertThat(linesAfter(run, "FAIL ")).as(output).isEmpty();
        org.assertj.core.api.Assertions.assertThat(run.lines()).as(output).contains("END failures=0");
        org.assertj.core.api.Assertions.assertThat(run.exitCode()).as(output).isZero();
        org.assertj.core.api.Assertions.assertThat(linesAfter(run, "OK op ")).as(output).extracting(l -> l.split(" ")[0])
                .containsExactly("submitApplication", "getApplicationStatus", "getReport", "verifyReport", "queryDegree");
        org.assertj.core.api.Assertions.assertThat(linesAfter(run, "OK fault ")).as(output).extracting(l -> l.split(" ")[0])
                .containsExactly("NOT_FOUND", "UNAUTHENTICATED");
    }
}
