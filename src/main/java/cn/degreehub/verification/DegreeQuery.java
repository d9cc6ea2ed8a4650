package cn.degreehub.verification;

import cn.degreehub.common.Masking;
import cn.degreehub.common.RateLimiter;
import cn.degreehub.contract.verification.DegreeSummary;
import cn.degreehub.contract.verification.QueryDegreeRequest;
import cn.degreehub.contract.verification.QueryDegreeResponse;
import cn.degreehub.contract.verification.QueryReason;
import cn.degreehub.degree.CertificateNumber;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import java.util.Objects;
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
        String certificate = DegreeRules.normaliseCertificateNumber(request.getCertificateNumber());
        Optional<DegreeRecords.Stored> found = records.find(certificate)
                .filter(r -> DegreeMatcher.normaliseName(r.degree().holderName())
                        .equals(DegreeMatcher.normaliseName(request.getHolderName())));
        if (found.isEmpty()) {
            // the certificate number alone tells the award year; nothing about a person is revealed by it
            boolean before = CertificateNumber.parse(certificate).map(c -> c.awardYear() < DegreeRules.ONLINE_SINCE.getYear()).orElse(false);
            return answer(before ? QueryReason.BEFORE_2008 : QueryReason.NOT_FOUND);
        }
        DegreeRecords.Stored r = found.get();
        Degree d = r.degree();
        if (!d.online()) {
            return answer(QueryReason.BEFORE_2008);
        }
        if (d.honorary()) {
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
        s.setHolderName(d.holderName());
        s.setIdNumber(Masking.idNumber(d.idNumber()));
        s.setUnitCode(d.unitCode());
        s.setUnitName(registry.unit(d.unitCode()).map(u -> u.name()).orElse(d.unitName()));
        s.setLevel(cn.degreehub.contract.types.DegreeLevel.fromValue(
                Objects.requireNonNull(d.level(), "level of a published record").name()));
        s.setDiscipline(d.discipline().name());
        s.setAwardDate(d.awardDate());
        s.setCertificateNumber(d.certificateNumber());
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
