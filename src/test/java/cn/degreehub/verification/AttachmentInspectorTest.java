package cn.degreehub.verification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AttachmentInspectorTest {

    @Test
    void typeIsSniffedFromTheContentNotTheName() {
        assertThat(AttachmentInspector.sniff(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 0x00})).contains("image/jpeg");
        assertThat(AttachmentInspector.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})).contains("image/png");
        assertThat(AttachmentInspector.sniff("%PDF-1.7".getBytes())).contains("application/pdf");
        assertThat(AttachmentInspector.sniff("<html>".getBytes())).isEmpty();
        assertThat(AttachmentInspector.sniff("GIF89a".getBytes())).as("gif is not accepted").isEmpty();
        assertThat(AttachmentInspector.sniff(new byte[] {(byte) 0x89, 'P', 'N', 'G'})).as("truncated signature").isEmpty();
    }

    @Test
    void aPdfMustOpenNotOnlyStartLikeOne() throws Exception {
        java.io.ByteArrayOutputStream real = new java.io.ByteArrayOutputStream();
        try (org.apache.pdfbox.pdmodel.PDDocument document = new org.apache.pdfbox.pdmodel.PDDocument()) {
            document.addPage(new org.apache.pdfbox.pdmodel.PDPage());
            document.save(real);
        }
        assertThat(AttachmentInspector.opensAsPdf(real.toByteArray())).isTrue();
        assertThat(AttachmentInspector.opensAsPdf("%PDF-1.7\n<html>not a pdf</html>".getBytes())).isFalse();
        assertThat(AttachmentInspector.opensAsPdf("%PDF-".getBytes())).isFalse();
    }
}
