package cn.degreehub.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.transform.Templates;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXResult;
import javax.xml.transform.stream.StreamSource;
import org.apache.fop.apps.FOPException;
import org.apache.fop.apps.FOUserAgent;
import org.apache.fop.apps.Fop;
import org.apache.fop.apps.FopConfParser;
import org.apache.fop.apps.FopFactory;
import org.apache.fop.apps.MimeConstants;
import org.w3c.dom.Document;
import org.xml.sax.SAXException;

/**
 * Renders a report document to PDF/A-2b: XSLT template → XSL-FO → FOP.
 * One FopFactory per thread, because renders sharing a factory re-read its configuration and race;
 * the compiled template and the font bytes are shared.
 */
public class ReportRenderer {

    private static final String GLYPH_MISSING = "org.apache.fop.fonts.FontEventProducer.glyphNotAvailable";
    private static final String TRANSFORMER_FACTORY = "javax.xml.transform.TransformerFactory";

    static {
        // FOP and XML Graphics call TransformerFactory.newInstance() several times per render (XMP packet,
        // image and SVG sources). Without this property every call scans all jars on the classpath for a
        // provider: 40 % of the render time, measured. The JDK's implementation is what that scan ends in.
        if (System.getProperty(TRANSFORMER_FACTORY) == null) {
            System.setProperty(TRANSFORMER_FACTORY, "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl");
        }
    }

    private final byte[] fopConfiguration;
    private final URI baseUri;
    private final Templates template;
    private final ClasspathFontResolver resolver = new ClasspathFontResolver();
    private final ThreadLocal<FopFactory> factories = ThreadLocal.withInitial(this::newFactory);

    public ReportRenderer(Path fopConfiguration, Path template) {
        try {
            this.fopConfiguration = Files.readAllBytes(fopConfiguration);
            this.baseUri = fopConfiguration.toAbsolutePath().getParent().toUri();
            // veraPDF (tests) brings Saxon, which would take over the default lookup: use the JDK's XSLT
            this.template = TransformerFactory.newDefaultInstance()
                    .newTemplates(new StreamSource(template.toFile()));
        } catch (IOException | TransformerException e) {
            throw new IllegalStateException("Cannot load the report configuration " + fopConfiguration + " / " + template, e);
        }
    }

    /** A character no report font has: the render fails rather than print a substitute glyph. */
    public static class MissingGlyphException extends RuntimeException {
        MissingGlyphException(String message) {
            super(message);
        }
    }

    public byte[] render(Document report) {
        FopFactory factory = factories.get();
        FOUserAgent agent = factory.newFOUserAgent();
        List<String> missing = new ArrayList<>();
        agent.getEventBroadcaster().addEventListener(event -> {
            if (GLYPH_MISSING.equals(event.getEventID())) {
                Object ch = event.getParam("ch");
                missing.add(ch == null ? "?" : ch.toString());
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 * 1024);
        try {
            Fop fop = factory.newFop(MimeConstants.MIME_PDF, agent, out);
            Transformer transformer = template.newTransformer();
            transformer.transform(new DOMSource(report), new SAXResult(fop.getDefaultHandler()));
        } catch (FOPException | TransformerException e) {
            throw new IllegalStateException("Report rendering failed: " + e.getMessage(), e);
        }
        if (!missing.isEmpty()) {
            throw new MissingGlyphException("No report font has the character(s) " + missing
                    .stream().map(c -> c + " (U+" + Integer.toHexString(c.codePointAt(0)).toUpperCase() + ")").toList());
        }
        return out.toByteArray();
    }

    private FopFactory newFactory() {
        try (InputStream conf = new java.io.ByteArrayInputStream(fopConfiguration)) {
            return new FopConfParser(conf, baseUri, resolver).getFopFactoryBuilder().build();
        } catch (IOException | SAXException e) {
            throw new IllegalStateException("Invalid FOP configuration", e);
        }
    }
}
