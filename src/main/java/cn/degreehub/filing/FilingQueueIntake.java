package cn.degreehub.filing;

import cn.degreehub.contract.filing.FilingReceipt;
import cn.degreehub.contract.filing.SubmitFilingBatchResponse;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.Role;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.camel.Exchange;

/**
 * The queue channel for large batches: a submitFilingBatchRequest document (spooled to a file) in, a
 * submitFilingBatchResponse document out, correlated by batchId.
 *
 * The queue is authenticated by the broker: the sender acts for the province named in the batch, unless
 * the broker passed a validated user (JMSXUserID) that is a registry account, which then must match.
 */
public class FilingQueueIntake {

    private static final JAXBContext JAXB;

    static {
        try {
            JAXB = JAXBContext.newInstance(SubmitFilingBatchResponse.class);
        } catch (JAXBException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final FilingIntake intake;
    private final PartnerRegistry registry;

    public FilingQueueIntake(FilingIntake intake, PartnerRegistry registry) {
        this.intake = intake;
        this.registry = registry;
    }

    public byte[] receive(Exchange exchange) throws Exception {
        Path file = exchange.getIn().getBody(Path.class);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
             FilingStreamReader reader = new FilingStreamReader(in)) {
            FilingIntake.BatchHeader header = reader.header();
            exchange.getIn().setHeader("JMSCorrelationID", header.batchId());
            exchange.getIn().setHeader("degreehubBatchId", header.batchId());
            String user = exchange.getIn().getHeader("JMSXUserID", String.class);
            Account account = registry.account(user)
                    .orElse(new Account("queue:" + header.provinceCode(), Role.PROVINCE, header.provinceCode(), null, null));
            FilingReceipt receipt = intake.submit(account, header, reader, "QUEUE");
            return marshal(receipt);
        }
    }

    static byte[] marshal(FilingReceipt receipt) throws JAXBException {
        SubmitFilingBatchResponse response = new SubmitFilingBatchResponse();
        response.setReceipt(receipt);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + receipt.getRejection().size() * 300);
        Marshaller m = JAXB.createMarshaller();
        m.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
        m.marshal(response, out);
        return out.toByteArray();
    }
}
