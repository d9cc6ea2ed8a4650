package cn.degreehub.report;

import java.io.ByteArrayInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.xmlgraphics.io.Resource;
import org.apache.xmlgraphics.io.ResourceResolver;

/**
 * Serves {@code classpath:} URIs (the report fonts) from memory: FOP re-reads an embedded font on every
 * render, and reading it from the jar each time costs about three times as much. Anything else is a file.
 */
final class ClasspathFontResolver implements ResourceResolver {

    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();

    @Override
    public Resource getResource(URI uri) throws IOException {
        if ("classpath".equals(uri.getScheme())) {
            String path = uri.getSchemeSpecificPart();
            byte[] bytes = cache.computeIfAbsent(path, ClasspathFontResolver::read);
            return new Resource(new ByteArrayInputStream(bytes));
        }
        if ("file".equals(uri.getScheme())) {
            return new Resource(uri.toURL().openStream());
        }
        throw new IOException("Report resources come from the classpath or files only, not " + uri);
    }

    @Override
    public OutputStream getOutputStream(URI uri) throws IOException {
        return new FileOutputStream(Path.of(uri).toFile());
    }

    private static byte[] read(String path) {
        try (InputStream in = ClasspathFontResolver.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("Report font missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + path, e);
        }
    }
}
