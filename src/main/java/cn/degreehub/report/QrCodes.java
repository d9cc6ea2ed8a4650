package cn.degreehub.report;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** A QR code as an opaque SVG path (no transparency, so the PDF stays PDF/A). */
final class QrCodes {

    static final String SVG_NS = "http://www.w3.org/2000/svg";

    private QrCodes() {
    }

    static Element svg(Document owner, String text) {
        BitMatrix matrix;
        try {
            matrix = new QRCodeWriter().encode(text, BarcodeFormat.QR_CODE, 0, 0,
                    Map.of(EncodeHintType.ERROR_CORRECTION, ErrorCorrectionLevel.M, EncodeHintType.MARGIN, 2,
                            EncodeHintType.CHARACTER_SET, "UTF-8"));
        } catch (WriterException e) {
            throw new IllegalStateException("QR code cannot hold " + text.length() + " characters", e);
        }
        int w = matrix.getWidth();
        int h = matrix.getHeight();
        StringBuilder path = new StringBuilder();
        for (int y = 0; y < h; y++) {
            int x = 0;
            while (x < w) {
                if (!matrix.get(x, y)) {
                    x++;
                    continue;
                }
                int run = x;
                while (run < w && matrix.get(run, y)) {
                    run++;
                }
                path.append('M').append(x).append(' ').append(y).append('h').append(run - x).append("v1h-")
                        .append(run - x).append('z');
                x = run;
            }
        }
        Element svg = owner.createElementNS(SVG_NS, "svg:svg");
        svg.setAttribute("width", String.valueOf(w));
        svg.setAttribute("height", String.valueOf(h));
        svg.setAttribute("viewBox", "0 0 " + w + " " + h);
        Element background = owner.createElementNS(SVG_NS, "svg:rect");
        background.setAttribute("width", String.valueOf(w));
        background.setAttribute("height", String.valueOf(h));
        background.setAttribute("fill", "#ffffff");
        svg.appendChild(background);
        Element modules = owner.createElementNS(SVG_NS, "svg:path");
        modules.setAttribute("d", path.toString());
        modules.setAttribute("fill", "#000000");
        modules.setAttribute("shape-rendering", "crispEdges");
        svg.appendChild(modules);
        return svg;
    }
}
