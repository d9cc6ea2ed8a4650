package cn.degreehub.verification;

import cn.degreehub.common.Masking;
import cn.degreehub.common.RateLimiter;
import cn.degreehub.contract.verification.DegreeSummary;
import cn.degreehub.contract.verification.QueryDegreeRequest;
import cn.degreehub.contract.verification.QueryDegreeResponse;
import cn.degreehub.contract.verification.QueryReason;
import cn.degreehub.degree.CertificateNumber;
import cn.degreehub.degree.DegreeLevel;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Online degree query (学位证书网上查询) by certificate number + holder name, published records only.
 * Not an oracle: a wrong name is answered exactly like an unknown certificate (NOT_FOUND), so the
 * status of somebody else's degree is never revealed; look-ups are rate-limited per account.
 */
public class DegreeQuery {

    private final DegreeRecords records;
    private final PartnerRegistry registry;
    private final RateLimiter lookups;

    public DegreeQuery(DegreeRecords records, PartnerRegistry registry, RateLimiter lookups) {
        this.records = records;
        this.registry = registry;
        this.lookups = lookups;
    }

    public QueryDegreeResponse query(Account account, QueryDegreeRequest request) {
        lookups.acquire(account.username());
        String certificate = request.getCertificateNumber().trim().toUpperCase();
        Optional<DegreeRecords.Stored> found = records.find(certificate)
                .filter(r -> DegreeMatcher.normaliseName(r.fields().getXM())
                        .equals(DegreeMatcher.normaliseName(request.getHolderName())));
        if (found.isEmpty()) {
            // the certificate number alone tells the award year; nothing about a person is revealed by it
            boolean before = CertificateNumber.parse(certificate).map(c -> c.awardYear() < 2008).orElse(false);
            return answer(before ? QueryReason.BEFORE_2008 : QueryReason.NOT_FOUND);
        }
        DegreeRecords.Stored r = found.get();
        LocalDate awarded = DegreeMatcher.awardDate(r.fields());
        if (awarded.isBefore(VerificationService.ONLINE_SINCE)) {
            return answer(QueryReason.BEFORE_2008);
        }
        if (DegreeMatcher.levelOf(r.fields()).orElse(null) == DegreeLevel.HONORARY_DOCTOR) {
            return answer(QueryReason.NOT_PUBLISHED);
        }
        switch (r.status()) {
            case "REVOKED":
                return answer(QueryReason.REVOKED);
            case "WITHHELD":
                return answer(QueryReason.WITHHELD);
            case "PUBLISHED":
                break;
            default:
                return answer(QueryReason.NOT_PUBLISHED);
        }
        QueryDegreeResponse response = new QueryDegreeResponse();
        response.setFound(true);
        DegreeSummary s = new DegreeSummary();
        s.setHolderName(r.fields().getXM());
        s.setIdNumber(Masking.idNumber(r.fields().getZJHM()));
        s.setUnitCode(r.fields().getXWSYDWM());
        s.setUnitName(registry.unit(r.fields().getXWSYDWM()).map(u -> u.name()).orElse(r.fields().getXWSYDW()));
        s.setLevel(cn.degreehub.contract.types.DegreeLevel.fromValue(DegreeMatcher.levelOf(r.fields()).orElseThrow().name()));
        s.setDiscipline(r.fields().getZYMC());
        s.setAwardDate(awarded);
        s.setCertificateNumber(r.fields().getXWZSBH());
        response.setSummary(s);
        return response;
    }

    private static QueryDegreeResponse answer(QueryReason reason) {
        QueryDegreeResponse response = new QueryDegreeResponse();
        response.setFound(false);
        response.setReason(reason);
        return response;
    }
}
