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
import org.junit.jupiter.api.Test;

/**
 * A partner on node soap (npm soap 1.13): src/test/partners/node/partner.js against this hub, WS-Security by
 * soap.WSSecurity with PasswordText and its default wsu:Timestamp, the report PDF asked inline
 * (docs/partners/client-stacks.md). The package is installed into target/node-soap.
 */
class NodeSoapClientStackIT extends HubTestSupport {

    static final String SOAP_PACKAGE = "soap@1.13";

    /** node_modules with soap 1.13 under target/node-soap (npm install once), or null when it cannot be had. */
    static Path nodeModules() throws Exception {
        if (!ClientStacks.works(List.of("node", "--version")) || !ClientStacks.works(List.of("npm", "--version"))) {
            return null;
        }
        Path prefix = Path.of("target", "node-soap").toAbsolutePath();
        Path modules = prefix.resolve("node_modules");
        if (Files.exists(modules.resolve("soap/package.json"))
                && Files.readString(modules.resolve("soap/package.json")).contains("\"version\": \"1.13.")) {
            return modules;
        }
        Files.createDirectories(prefix);
        Run install = ClientStacks.run(List.of("npm", "install", "--no-audit", "--no-fund", "--prefix", prefix.toString(),
                SOAP_PACKAGE), prefix, Duration.ofMinutes(3));
        return install.exitCode() == 0 && Files.exists(modules.resolve("soap/package.json")) ? modules : null;
    }

    @Test
    void nodeSoapAppliesGetsTheSignedReportInlineVerifiesQueriesAndReadsFaults() throws Exception {
        Path modules = nodeModules();
        assumeTrue(modules != null, "node/npm not found, or `npm install " + SOAP_PACKAGE + "` failed (no registry?):"
                + " the node soap client stack is not tried");
        Path work = ClientStacks.workDirectory("node-soap");
        FilingRecord record = fileAndPublish(2025, 1).get(0);
        Path input = work.resolve("input.json");
        ClientStacks.writeApplication(record, unique("node"), input);

        Run run = ClientStacks.run(List.of("env", "NODE_PATH=" + modules, "node",
                Path.of("src/test/partners/node/partner.js").toAbsolutePath().toString(), url(""), input.toString(),
                work.toString(), "timestamp"), work, Duration.ofMinutes(2));
        ClientStacks.assertPortalScriptPassed(run);

        byte[] pdf = Files.readAllBytes(work.resolve("report-node-timestamp.pdf"));
        assertThat(ReportPdfs.signatureValid(pdf)).as("the center's signature on the PDF node soap saved").isTrue();
        assertThat(ReportPdfs.text(pdf)).contains(record.getXWZSBH());
    }
}
