package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.report.ReportPdfs;
import cn.degreehub.support.ClientStacks;
import cn.degreehub.support.ClientStacks.Run;
import cn.degreehub.support.HubTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A partner on Python zeep (Debian python3-zeep): src/test/partners/zeep/partner.py against this hub, a
 * UsernameToken without and with a wsu:Timestamp, the report PDF asked inline (docs/partners/client-stacks.md).
 */
class ZeepClientStackIT extends HubTestSupport {

    /** Debian's python3-zeep is in /usr/bin/python3's packages, which a python3 of its own (pyenv, venv) may lack. */
    static String python() {
        for (String python : List.of("/usr/bin/python3", "python3")) {
            if (ClientStacks.works(List.of(python, "-c", "import zeep"))) {
                return python;
            }
        }
        return null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "timestamp"})
    void zeepAppliesGetsTheSignedReportInlineVerifiesQueriesAndReadsFaults(String token) throws Exception {
        String python = python();
        assumeTrue(python != null, "python3 with zeep not found (`python3 -c \"import zeep\"` fails): apt-get install"
                + " python3-zeep (.ci/run does); the zeep client stack is not tried");
        Path work = ClientStacks.workDirectory("zeep-" + token);
        FilingRecord record = fileAndPublish(2025, 1).get(0);
        Path input = work.resolve("input.json");
        ClientStacks.writeApplication(record, unique(token), input);

        Run run = ClientStacks.run(List.of(python, Path.of("src/test/partners/zeep/partner.py").toAbsolutePath().toString(),
                url(""), input.toString(), work.toString(), token), work, Duration.ofMinutes(2));
        ClientStacks.assertPortalScriptPassed(run);

        byte[] pdf = Files.readAllBytes(work.resolve("report-zeep-" + token + ".pdf"));
        assertThat(ReportPdfs.signatureValid(pdf)).as("the center's signature on the PDF zeep saved").isTrue();
        assertThat(ReportPdfs.text(pdf)).contains(record.getXWZSBH());
    }
}
