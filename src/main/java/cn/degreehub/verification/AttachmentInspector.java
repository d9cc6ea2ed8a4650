package cn.degreehub.verification;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import jakarta.activation.DataHandler;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;

/**
 * Checks uploaded attachments: how many (a configured maximum), each one's real type sniffed from its first
 * bytes (jpg, png or pdf only; the declared content type is not trusted), a PDF also opened (a file that only
 * starts like one is refused), and its size is limited. Reads at most limit + 1 bytes of each.
 */
public class AttachmentInspector {

    /** An attachment as uploaded: its kind (a contract code), file name, declared type and content. */
    public record Upload(String kind, String fileName, String declaredType, DataHandler content) {
    }

    /** An upload read and judged: its real content type and its bytes. */
    public record Inspected(Upload upload, String contentType, byte[] content) {
    }

    private final long maxBytes;
    private final int maxCount;

    public AttachmentInspector(long maxBytes, int maxCount) {
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
    }

    /** Refuses more attachments than the maximum: those in the Body, and the MIME parts of an MTOM request. */
    public void checkCount(int count) {
        if (count > maxCount) {
            throw DegreeHubException.invalid("attachment", "附件不能超过 " + maxCount + " 个",
                    "At most " + maxCount + " attachments");
        }
    }

    /** The largest attachment accepted, in bytes (degreehub.verification.attachment-max-size). */
    public long maxBytes() {
        return maxBytes;
    }

    public List<Inspected> inspectAll(List<Upload> attachments) {
        checkCount(attachments.size());
        List<Inspected> inspected = new ArrayList<>();
        for (int i = 0; i < attachments.size(); i++) {
            inspected.add(inspect(attachments.get(i), i));
        }
        return inspected;
    }

    private Inspected inspect(Upload attachment, int index) {
        String field = "attachment[" + index + "]";
        byte[] content = read(attachment.content(), field);
        if (content.length == 0) {
            throw new DegreeHubException(FaultCode.INVALID_REQUEST, "附件为空", "The attachment is empty", field);
        }
        String type = sniff(content).orElseThrow(() -> new DegreeHubException(FaultCode.INVALID_REQUEST,
                "附件须为 JPG、PNG 或 PDF 文件（按文件内容判断）",
                "An attachment must be a JPG, PNG or PDF file (judged by its content)", field));
        if (type.equals("application/pdf") && !opensAsPdf(content)) {
            throw new DegreeHubException(FaultCode.INVALID_REQUEST, "附件不是可打开的 PDF 文件",
                    "The attachment is not a PDF that can be opened", field);
        }
        return new Inspected(attachment, type, content);
    }

    private byte[] read(DataHandler handler, String field) {
        if (handler == null) {
            throw new DegreeHubException(FaultCode.INVALID_REQUEST, "附件无内容", "The attachment has no content", field);
        }
        try (InputStream in = handler.getInputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new DegreeHubException(FaultCode.PAYLOAD_TOO_LARGE,
                        "附件超过 " + maxBytes / 1024 + " KB", "An attachment exceeds " + maxBytes / 1024 + " KB", field);
            }
            return bytes;
        } catch (IOException e) {
            throw new DegreeHubException(FaultCode.INVALID_REQUEST, "附件无法读取", "The attachment cannot be read", field);
        }
    }

    /** A reviewer must be able to open it: PDFBox parses it and finds at least one page. */
    static boolean opensAsPdf(byte[] content) {
        // PDFBox inflates the document's object streams while opening it, with no cap of its own (README, known
        // limits): the 2 MB attachment limit and the portal's authentication are what bound this today
        try (PDDocument document = Loader.loadPDF(content)) {
            return document.getNumberOfPages() > 0;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static Optional<String> sniff(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of("image/jpeg");
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return Optional.of("image/png");
        }
        if (b.length >= 5 && b[0] == '%' && b[1] == 'P' && b[2] == 'D' && b[3] == 'F' && b[4] == '-') {
            return Optional.of("application/pdf");
        }
        return Optional.empty();
    }
}
