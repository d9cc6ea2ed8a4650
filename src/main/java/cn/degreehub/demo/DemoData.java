package cn.degreehub.demo;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.filing.FilingDocuments;
import cn.degreehub.filing.FilingIntake;
import cn.degreehub.filing.FilingIntake.BatchHeader;
import cn.degreehub.partner.PartnerRegistry;
import java.util.ArrayList;
import java.util.List;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import cn.degreehub.filing.FilingRepository;
import org.springframework.stereotype.Component;

/**
 * Demo profile: on an empty database, files a few batches as the demo provinces would (天津大学 and
 * 武汉大学, with an honorary doctorate and a classified record among them) and publishes them, so the
 * services have something to answer with.
 */
@Component
@ConditionalOnProperty(name = "degreehub.demo.data", havingValue = "true")
public class DemoData implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

    private final FilingRepository batches;
    private final FilingIntake intake;
    private final PartnerRegistry registry;
    private final ProducerTemplate camel;

    public DemoData(FilingRepository batches, FilingIntake intake, PartnerRegistry registry, ProducerTemplate camel) {
        this.batches = batches;
        this.intake = intake;
        this.registry = registry;
        this.camel = camel;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (batches.countBatches() > 0) {
            return;
        }
        file("province-12", "demo-tju-2025", "12", "10056", "天津大学", "120104", 10);
        file("province-42", "demo-whu-2025", "42", "10486", "武汉大学", "420106", 10);
        camel.requestBodyAndHeader("direct:publication-run", null, "degreehubTriggeredBy", "demo-data");
        LOG.info("Demo data filed and published: certificate numbers 1005642025000001.., 1048632025000001..");
    }

    private void file(String username, String batchId, String province, String unit, String unitName, String region,
                      int count) {
        List<FilingRecord> records = new ArrayList<>(DemoRecords.records(unit, unitName, region, 4, 2025, 1, count));
        records.addAll(DemoRecords.records(unit, unitName, region, 3, 2025, 1, count));
        FilingRecord classified = DemoRecords.record(unit, unitName, region, 2, 2025, 900, 0);
        classified.setSFSM("1");
        records.add(classified);
        FilingRecord honorary = DemoRecords.record(unit, unitName, region, 2, 2025, 990, 0);
        honorary.setXWLBM("108");
        honorary.setXWLB("名誉博士");
        records.add(honorary);
        intake.submit(registry.account(username).orElseThrow(),
                new BatchHeader(batchId, province, unit, "2024-2025-2"),
                records.stream().map(FilingDocuments::filed).iterator(), "DEMO");
    }
}
