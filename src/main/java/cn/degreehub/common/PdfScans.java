package cn.degreehub.common;

import cn.degreehub.contract.types.FaultCode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A scanned paper the center keeps (a unit's written explanation of a policy hold, a unit's paper answer): a PDF, at
 * most {@link #MAX_BYTES}. One rule for every upload of the kind.
 */
public final class PdfScans {

    public static final int MAX_BYTES = 5 * 1024 * 1024;

    private static final byte[] MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private PdfScans() {
    }

    /** Refuses what is not a PDF or is too large; {@code field} names the upload in the fault. */
    public static byte[] check(byte[] scan, String field) {
        if (scan.length > MAX_BYTES) {
            throw new DegreeHubException(FaultCode.PAYLOAD_TOO_LARGE, "扫描件不能超过 5 MB", "The scan may be at most 5 MB", field);
        }
        if (!Arrays.equals(Arrays.copyOf(scan, MAGIC.length), MAGIC)) {
            throw DegreeHubException.invalid(field, "扫描件应为 PDF 文件", "The scan must be a PDF file");
        }
        return scan;
    }
}
