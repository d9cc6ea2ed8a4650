package cn.degreehub.filing;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.filing.FilingRecordValidator.BatchContext;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import cn.degreehub.partner.Role;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a filing batch from either channel: authorises the province for the unit, checks every record,
 * and stores the accepted records, the rejections and the receipt in one transaction. The same batchId
 * again returns the stored receipt and stores nothing.
 */
public class FilingIntake {

    private static final Logger LOG = LoggerFactory.getLogger(FilingIntake.class);

    private final FilingRepository repository;
    private final FilingRecordValidator validator;
    private final PartnerRegistry registry;
    private final TransactionTemplate tx;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final Clock clock;
    private final AuditLog audit;
    private final int chunkSize;
    private final Counter accepted;
    private final Counter rejected;

    public FilingIntake(FilingRepository repository, FilingRecordValidator validator, PartnerRegistry registry,
                        TransactionTemplate tx, Clock clock, AuditLog audit, int chunkSize, MeterRegistry meters,
                        org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.repository = repository;
        this.validator = validator;
        this.registry = registry;
        this.tx = tx;
        this.clock = clock;
        this.audit = audit;
        this.chunkSize = chunkSize;
        this.accepted = meters.counter("degreehub.filing.records", "result", "accepted");
        this.rejected = meters.counter("degreehub.filing.records", "result", "rejected");
    }

    /** The envelope of a batch, read before its records. */
    public record BatchHeader(String batchId, String provinceCode, String unitCode, String semester) {
    }

    /** A batch's receipt: the batch with its counts, and the rejected records by index. */
    public record Receipt(FilingRepository.Batch batch, List<Rejection> rejections) {
    }

    /** The stored receipt of a batch of the caller's province; NOT_FOUND otherwise. */
    public Receipt receipt(Account account, String batchId) {
        FilingRepository.Batch batch = repository.findBatch(batchId)
                .filter(b -> b.provinceCode().equals(account.provinceCode()))
                .orElseThrow(() -> DegreeHubException.notFound("报送批次 " + batchId, "Filing batch " + batchId));
        return storedReceipt(batch);
    }

    /** Checks the caller may file this batch; throws FORBIDDEN / INVALID_REQUEST otherwise. */
    public void authorise(Account account, BatchHeader header) {
        if (account.role() != Role.PROVINCE || !account.provinceCode().equals(header.provinceCode())) {
            throw DegreeHubException.forbidden("账号 " + account.username() + " 不能代表省份 " + header.provinceCode() + " 报送",
                    "Account " + account.username() + " may not file for province " + header.provinceCode());
        }
        if (Semester.parse(header.semester()).isEmpty()) {
            throw DegreeHubException.invalid("semester", "学期格式应为 2025-2026-1 (相邻两年)",
                    "Semester must name two consecutive years, e.g. 2025-2026-1");
        }
        Unit unit = registry.unit(header.unitCode()).orElseThrow(() -> DegreeHubException.invalid("unitCode",
                "未登记的学位授予单位 " + header.unitCode(), "Unknown degree-granting unit " + header.unitCode()));
        if (!unit.province().equals(header.provinceCode())) {
            throw DegreeHubException.forbidden("学位授予单位 " + unit.code() + " 不属于省份 " + header.provinceCode(),
                    "Unit " + unit.code() + " does not belong to province " + header.provinceCode());
        }
    }

    public Receipt submit(Account account, BatchHeader header, Iterator<FiledRecord> records, String channel) {
        authorise(account, header);
        Optional<Receipt> earlier = earlierReceipt(header);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Instant receivedAt = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        try {
            Receipt receipt = tx.execute(status -> store(account, header, records, channel, receivedAt));
            FilingRepository.Batch batch = receipt.batch();
            accepted.increment(batch.accepted());
            rejected.increment(batch.rejected());
            LOG.info("Filing batch {} of province {} unit {} via {}: {} received, {} accepted, {} rejected",
                    header.batchId(), header.provinceCode(), header.unitCode(), channel, batch.received(),
                    batch.accepted(), batch.rejected());
            return receipt;
        } catch (DuplicateKeyException e) {
            // the same batch arrived twice at once: the other copy has committed, answer with its receipt
            return earlierReceipt(header).orElseThrow(() -> e);
        }
    }

    private Optional<Receipt> earlierReceipt(BatchHeader header) {
        return repository.findBatch(header.batchId()).map(batch -> {
            if (!batch.provinceCode().equals(header.provinceCode())) {
                throw new DegreeHubException(FaultCode.INVALID_STATE, "批次号 " + header.batchId() + " 已被使用",
                        "batchId " + header.batchId() + " is already in use", "batchId");
            }
            LOG.info("Filing batch {} repeated: answering with the stored receipt", header.batchId());
            return storedReceipt(batch);
        });
    }

    private Receipt store(Account account, BatchHeader header, Iterator<FiledRecord> records, String channel,
                          Instant receivedAt) {
        repository.insertBatch(new FilingRepository.Batch(header.batchId(), header.provinceCode(), header.unitCode(),
                header.semester(), channel, account.username(), receivedAt, 0, 0, 0));
        LocalDate today = LocalDate.now(clock);
        BatchContext context = new BatchContext(header.provinceCode(), header.unitCode(),
                Semester.parse(header.semester()).orElseThrow(), today);
        Set<String> seenInBatch = new HashSet<>();
        List<Rejection> allRejections = new ArrayList<>();
        int index = 0;
        int acceptedCount = 0;
        List<FiledRecord> chunk = new ArrayList<>(chunkSize);
        List<Integer> chunkIndexes = new ArrayList<>(chunkSize);
        List<Rejection> chunkRejections = new ArrayList<>();
        while (records.hasNext()) {
            FiledRecord record = records.next();
            index++;
            String certificate = RecordField.XWZSBH.read(record);
            Optional<Rejection> problem = validator.check(record, context);
            if (problem.isPresent()) {
                chunkRejections.add(problem.get().at(index, certificate));
            } else if (!seenInBatch.add(certificate)) {
                chunkRejections.add(duplicate(index, certificate, "批次内证书编号重复",
                        "Certificate number appears twice in this batch"));
            } else {
                chunk.add(record);
                chunkIndexes.add(index);
            }
            if (chunk.size() + chunkRejections.size() >= chunkSize) {
                acceptedCount += flush(header, chunk, chunkIndexes, chunkRejections, receivedAt);
                allRejections.addAll(chunkRejections);
                chunk.clear();
                chunkIndexes.clear();
                chunkRejections.clear();
            }
        }
        acceptedCount += flush(header, chunk, chunkIndexes, chunkRejections, receivedAt);
        allRejections.addAll(chunkRejections);
        repository.finishBatch(header.batchId(), index, acceptedCount, allRejections.size(), clock.instant());
        if (acceptedCount > 0) {
            events.publishEvent(new BatchFiled(header.batchId(), header.provinceCode(), header.unitCode(), acceptedCount));
        }
        audit.record(account.username(), "FILING_BATCH", header.batchId(),
                "received=" + index + " accepted=" + acceptedCount + " rejected=" + allRejections.size());
        return new Receipt(new FilingRepository.Batch(header.batchId(), header.provinceCode(), header.unitCode(),
                header.semester(), channel, account.username(), receivedAt, index, acceptedCount, allRejections.size()),
                allRejections);
    }

    /** Stores a chunk: records already on file are rejected, the rest inserted in one JDBC batch. */
    private int flush(BatchHeader header, List<FiledRecord> chunk, List<Integer> indexes, List<Rejection> rejections,
                      Instant now) {
        if (!chunk.isEmpty()) {
            List<String> numbers = chunk.stream().map(RecordField.XWZSBH::read).toList();
            Set<String> onFile = repository.existingCertificates(numbers);
            if (!onFile.isEmpty()) {
                List<FiledRecord> fresh = new ArrayList<>(chunk.size());
                for (int i = 0; i < chunk.size(); i++) {
                    if (onFile.contains(numbers.get(i))) {
                        rejections.add(duplicate(indexes.get(i), numbers.get(i), "证书编号已备案, 修改请使用 correctRecord",
                                "Certificate number already on file; use correctRecord to change it"));
                    } else {
                        fresh.add(chunk.get(i));
                    }
                }
                rejections.sort((a, b) -> Integer.compare(a.index(), b.index()));
                chunk = fresh;
            }
            repository.insertRecords(header.batchId(), header.provinceCode(), header.semester(), chunk, now);
        }
        repository.insertRejections(header.batchId(), rejections);
        return chunk.size();
    }

    private static Rejection duplicate(int index, String certificate, String zh, String en) {
        return new Rejection(index, certificate, FaultCode.DUPLICATE_RECORD, RecordField.XWZSBH.name(), zh, en);
    }

    /** The receipt of a stored batch, as first answered. */
    public Optional<Receipt> storedReceipt(String batchId) {
        return repository.findBatch(batchId).map(this::storedReceipt);
    }

    private Receipt storedReceipt(FilingRepository.Batch batch) {
        return new Receipt(batch, repository.rejections(batch.batchId()));
    }
}
