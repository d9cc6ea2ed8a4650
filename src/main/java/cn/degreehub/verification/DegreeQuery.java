package cn.degreehub.verification;

import cn.degreehub.common.RateLimiter;
import cn.degreehub.degree.CertificateNumber;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
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

    /** Why no degree is shown: the contract's reasons, in the hub's terms. */
    public enum NotShown {
        NOT_FOUND, BEFORE_2008, NOT_PUBLISHED, REVOKED, WITHHELD
    }

    /** A published degree with its unit's registered name, or why none is shown. */
    public record Answer(Degree degree, String unitName, NotShown notShown) {

        static Answer none(NotShown why) {
            return new Answer(null, null, why);
        }
    }

    public Answer query(String account, String certificateNumber, String holderName) {
        lookups.acquire(account);
        String certificate = DegreeRules.normaliseCertificateNumber(certificateNumber);
        Optional<DegreeRecords.Stored> found = records.find(certificate)
                .filter(r -> DegreeMatcher.normaliseName(r.degree().holderName())
                        .equals(DegreeMatcher.normaliseName(holderName)));
        if (found.isEmpty()) {
            // the certificate number alone tells the award year; nothing about a person is revealed by it
            boolean before = CertificateNumber.parse(certificate).map(c -> c.awardYear() < DegreeRules.ONLINE_SINCE.getYear()).orElse(false);
            return Answer.none(before ? NotShown.BEFORE_2008 : NotShown.NOT_FOUND);
        }
        DegreeRecords.Stored r = found.get();
        Degree d = r.degree();
        if (!d.online()) {
            return Answer.none(NotShown.BEFORE_2008);
        }
        if (d.honorary()) {
            return Answer.none(NotShown.NOT_PUBLISHED);
        }
        switch (r.status()) {
            case "REVOKED":
                return Answer.none(NotShown.REVOKED);
            case "WITHHELD":
                return Answer.none(NotShown.WITHHELD);
            case "PUBLISHED":
                break;
            default:
                return Answer.none(NotShown.NOT_PUBLISHED);
        }
        Objects.requireNonNull(d.level(), "level of a published record");
        return new Answer(d, unitName(d), null);
    }

    /** The unit's name as the registry has it, else as filed. */
    public String unitName(Degree d) {
        return registry.unit(d.unitCode()).map(u -> u.name()).orElse(d.unitName());
    }
}
