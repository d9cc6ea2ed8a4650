package cn.degreehub.support;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The partner kit's sample messages (docs/partners/samples): a committed request is filled in (placeholders such as
 * ${applicationNo}, and a fresh WS-Security nonce, time and digest), and the hub's answer is normalised (values that
 * differ on every run become placeholders) so it can be compared with the committed answer, or, with
 * {@code -Dsamples.write=true}, written over it.
 */
public final class SampleFiles {

    public static final Path DIR = Path.of("docs/partners/samples");
    /** The samples of contract v2 (docs/partner-interfaces.md, "Contract versions"). */
    public static final Path DIR_V2 = DIR.resolve("v2");
    /** -Dsamples.write=true: the answers are written instead of compared (an intended change of the contract). */
    public static final boolean WRITE = Boolean.getBoolean("samples.write");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.-]+)}");
    private static final Pattern USERNAME = Pattern.compile("<wsse:Username>([^<]+)</wsse:Username>");
    private static final Pattern DATE_TIME = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern UUID = Pattern.compile(
            "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
    private static final Pattern PDF = Pattern.compile("(<([A-Za-z0-9]+:)?pdf>)[^<]*(</([A-Za-z0-9]+:)?pdf>)");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> used = new TreeSet<>();
    private final List<String> mismatches = new ArrayList<>();

    /** One answer as it came over HTTP. */
    private final Path dir;

    /** The samples of contract v1. */
    public SampleFiles() {
        this(DIR);
    }

    /** The samples below {@code dir} ({@link #DIR} or {@link #DIR_V2}). */
    public SampleFiles(Path dir) {
        this.dir = dir;
    }

    public record Answer(int status, String contentType, String body) {
    }

    /** The committed request {@code name} (a path below {@link #DIR} without ".request.xml"), filled in. */
    public String request(String name, Map<String, String> values) throws IOException {
        Path file = dir.resolve(name + ".request.xml");
        used.add(dir.relativize(file).toString());
        return fill(Files.readString(file, StandardCharsets.UTF_8), values);
    }

    /**
     * Placeholders replaced: the given values, and for WS-Security a fresh ${nonce}, ${created} (now), ${expires}
     * (now + 5 minutes) and ${passwordDigest} of the token's user name with its demo password.
     */
    static String fill(String template, Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        all.putIfAbsent("nonce", Base64.getEncoder().encodeToString(nonce));
        all.putIfAbsent("created", now.toString());
        all.putIfAbsent("expires", now.plusSeconds(300).toString());
        Matcher user = USERNAME.matcher(template);
        if (template.contains("${passwordDigest}") && user.find()) {
            all.putIfAbsent("passwordDigest", digest(nonce, all.get("created"), user.group(1) + "-pass"));
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = all.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("No value for ${" + m.group(1) + "}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** PasswordDigest = Base64(SHA-1(nonce + created + password)) (OASIS UsernameToken profile 1.0). */
    public static String digest(byte[] nonce, String created, String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(nonce);
            sha1.update(created.getBytes(StandardCharsets.UTF_8));
            sha1.update(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(sha1.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Compares the normalised answer with the committed {@code name}.response.xml (or writes it with
     * -Dsamples.write=true). {@code values}: what was filled in, put back as placeholders; {@code patterns}: further
     * regular expressions whose matches differ from run to run, each with its replacement (groups as $1).
     */
    public void answer(String name, Answer answer, Map<String, String> values, Map<String, String> patterns)
            throws IOException {
        String type = answer.contentType() == null ? "" : answer.contentType().replaceAll(";\\s*", "; ");
        compare(name + ".response.xml", "HTTP " + answer.status() + ", Content-Type: " + type, answer.body(), values,
                patterns);
    }

    /**
     * A message the hub sent a partner (a notification, a check request), captured by a test's server: compared
     * with the committed {@code name}.request.xml like an answer.
     */
    public void sent(String name, String how, String body, Map<String, String> values, Map<String, String> patterns)
            throws IOException {
        compare(name + ".request.xml", how, body, values, patterns);
    }

    private void compare(String fileName, String comment, String body, Map<String, String> values,
                         Map<String, String> patterns) throws IOException {
        Path file = dir.resolve(fileName);
        used.add(dir.relativize(file).toString());
        String actual = "<!-- " + comment + " -->\n" + normalise(body, values, patterns);
        if (WRITE) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
            return;
        }
        String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        if (!committed.equals(actual)) {
            mismatches.add(diff(dir.relativize(file).toString(), committed, actual));
        }
    }

    static String normalise(String xml, Map<String, String> values, Map<String, String> patterns) {
        String body = PDF.matcher(pretty(xml)).replaceAll("$1\\${pdfBase64}$3");
        List<Map.Entry<String, String>> byLength = new ArrayList<>(values.entrySet());
        byLength.sort(Comparator.comparingInt((Map.Entry<String, String> e) -> e.getValue().length()).reversed());
        for (Map.Entry<String, String> e : byLength) {
            if (e.getValue().length() >= 6) {
                body = body.replace(e.getValue(), "${" + e.getKey() + "}");
            }
        }
        for (Map.Entry<String, String> p : patterns.entrySet()) {
            body = body.replaceAll(p.getKey(), p.getValue());
        }
        return UUID.matcher(DATE_TIME.matcher(body).replaceAll("\\${dateTime}")).replaceAll("\\${traceId}");
    }

    /** The document indented by two, each element on its own line (the hub answers on one line). */
    static String pretty(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Document doc = f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            stripBlank(doc);
            var t = TransformerFactory.newInstance().newTransformer();
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            t.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString().strip() + "\n";
        } catch (Exception e) {
            throw new IllegalStateException("Not an XML answer: " + xml, e);
        }
    }

    private static void stripBlank(Node node) {
        NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node c = children.item(i);
            if (c.getNodeType() == Node.TEXT_NODE && c.getTextContent().isBlank()) {
                node.removeChild(c);
            } else {
                stripBlank(c);
            }
        }
    }

    private static String diff(String file, String committed, String actual) {
        String[] a = committed.split("\n", -1);
        String[] b = actual.split("\n", -1);
        int i = 0;
        while (i < a.length && i < b.length && a[i].equals(b[i])) {
            i++;
        }
        StringBuilder s = new StringBuilder(file).append(committed.isEmpty() ? " is missing" : " differs from line " + (i + 1))
                .append(":\n");
        for (int k = i; k < Math.min(a.length, i + 5); k++) {
            s.append("  - ").append(a[k]).append('\n');
        }
        for (int k = i; k < Math.min(b.length, i + 5); k++) {
            s.append("  + ").append(b[k]).append('\n');
        }
        return s.toString();
    }

    /** The differences found, one block per file (empty when every answer is the committed one). */
    public List<String> mismatches() {
        return List.copyOf(mismatches);
    }

    /** Sample files (relative to {@link #DIR}) read or written so far. */
    public Set<String> used() {
        return Set.copyOf(used);
    }
}
