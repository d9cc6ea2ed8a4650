package cn.degreehub.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.degreehub.report.ReportLanguage;
import cn.degreehub.degree.DegreeLevel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Render and sign in process, with the repository's template, FOP configuration and fonts. */
class ReportRenderingTest {

    static ReportRenderer renderer;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-23T02:00:00Z"), ZoneOffset.UTC);

    @BeforeAll
    static void renderer() {
        renderer = new ReportRenderer(Path.of("config/reports/fop.xconf"), Path.of("config/reports/report.xsl"));
    }

    static Report report(String holder) {
        return new Report("R202611230000001", "ABCDEFGHJKMNPQRS", "A202611230000001", "INCONSISTENT",
                List.of("holderName", "awardDate"), holder, "WANG WEI", "01", "120104199803070006", "10056", "天津大学",
                DegreeLevel.MASTER, new cn.degreehub.degree.Degree.Discipline("0812", "计算机科学与技术", null), LocalDate.of(2021, 6, 30), "1005632021100000",
                List.of("ZH"), Instant.parse("2026-11-23T02:00:00Z"), LocalDate.of(2026, 11, 23),
                LocalDate.of(2027, 2, 21), "VALID", null);
    }

    @Test
    void aCharacterNoFontHasFailsTheRenderInsteadOfMisprintingTheName() {
        // U+E000 is a private-use code point: neither the report font nor the fallback has a glyph for it
        assertThatThrownBy(() -> renderer.render(ReportDocument.build(report("王\uE000"), ReportLanguage.ZH, "http://x/v/1")))
                .isInstanceOf(ReportRenderer.MissingGlyphException.class).hasMessageContaining("U+E000");
    }

    @Test
    void inconsistentResultNamesTheDifferingFieldsInBothLanguages() throws Exception {
        byte[] zh = renderer.render(ReportDocument.build(report("王伟"), ReportLanguage.ZH, "http://x/v/ABCDEFGHJKMNPQRS"));
        assertThat(ReportPdfs.text(zh)).contains("不一致").contains("姓名、获学位日期");
        byte[] en = renderer.render(ReportDocument.build(report("王伟"), ReportLanguage.EN, "http://x/v/ABCDEFGHJKMNPQRS"));
        assertThat(ReportPdfs.text(en)).contains("name, date of award").contains("王伟 (WANG WEI)");
        assertThat(ReportPdfs.qrCode(en)).isEqualTo("http://x/v/ABCDEFGHJKMNPQRS");
    }

    @Test
    void sm2KeyFromConfigSignsWithSm3AndVerifies(@TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("sm2.p12");
        SigningKeys.Key key = SigningKeys.load(keystore, "pw".toCharArray(), "report-signing", SigningKeys.Algorithm.SM2,
                true, "CN=test SM2", CLOCK);
        assertThat(Files.exists(keystore)).isTrue();
        assertThat(key.certificate().getSigAlgOID()).isEqualTo("1.2.156.10197.1.501");
        byte[] pdf = new ReportSigner(key, CLOCK, "test", "Beijing")
                .sign(renderer.render(ReportDocument.build(report("王伟"), ReportLanguage.ZH, "http://x/v/1")), "test");
        assertThat(ReportPdfs.signatureValid(pdf)).isTrue();
        byte[][] parts = ReportPdfs.signedParts(pdf);
        parts[0][100] ^= 0x01;
        assertThat(ReportPdfs.cmsValid(parts[0], parts[1])).isFalse();
        // the same keystore again: loaded, not regenerated; asking for RSA from it is a configuration error
        assertThat(SigningKeys.load(keystore, "pw".toCharArray(), "report-signing", SigningKeys.Algorithm.SM2, false,
                "CN=x", CLOCK).certificate()).isEqualTo(key.certificate());
        assertThatThrownBy(() -> SigningKeys.load(keystore, "pw".toCharArray(), "report-signing",
                SigningKeys.Algorithm.RSA, false, "CN=x", CLOCK)).hasMessageContaining("SM2");
    }

    @Test
    void missingKeystoreOutsideTheDemoIsAnError(@TempDir Path dir) {
        assertThatThrownBy(() -> SigningKeys.load(dir.resolve("none.p12"), "pw".toCharArray(), "a",
                SigningKeys.Algorithm.RSA, false, "CN=x", CLOCK)).hasMessageContaining("does not exist");
    }
}
