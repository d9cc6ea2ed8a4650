package cn.degreehub.binding;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.SqlDialect;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.degree.Degree;
import cn.degreehub.degree.DegreeRules;
import cn.degreehub.filing.DegreeRecords;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * 学位绑定 (docs/domain-rules.md, "Binding a degree"): a holder binds a degree to their portal account by its
 * certificate number and their identity, matched against the published records. A failed match uses one of the
 * account's attempts ({@code degreehub.binding.max-attempts}); when they are used up, only the center (its service
 * desk, in the console or the admin API) grants more, audited. Callers run {@link #bind} and {@link #grant} in a
 * transaction: the account's allowance row is locked while it is counted.
 */
public class Bindings {

    /** Why a degree was not bound. */
    public enum Refusal {
        /** No published degree has this certificate number and this holder: one attempt used. */
        NOT_MATCHED,
        /** The account has no attempts left. */
        NO_ATTEMPTS_LEFT
    }

    /** A binding's outcome: the degree bound (with its unit's name), or why not; attempts left either way. */
    public record Outcome(Refusal refusal, int attemptsLeft, Degree degree) {
        public boolean bound() {
            return refusal == null;
        }
    }

    /** An account's attempts and what it has bound, for the service desk. */
    public record Allowance(String holderAccount, int maxAttempts, int failedAttempts, int grantedAttempts,
                            List<String> boundCertificates) {
        public int attemptsLeft() {
            return Math.max(0, maxAttempts + grantedAttempts - failedAttempts);
        }
    }

    private final JdbcTemplate jdbc;
    private final DegreeRecords records;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxAttempts;

    public Bindings(JdbcTemplate jdbc, DegreeRecords records, AuditLog audit, Clock clock, int maxAttempts) {
        this.jdbc = jdbc;
        this.records = records;
        this.audit = audit;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
    }

    /**
     * Binds the degree {@code certificateNumber} to {@code holderAccount} when a published record has this number
     * and this holder (name, ID type and number). A malformed ID number is a fault and uses no attempt.
     *
     * @param portalAccount the portal's account that asked (kept with the binding)
     */
    public Outcome bind(String portalAccount, String holderAccount, String name, String idType, String idNumber,
                        String certificateNumber) {
        DegreeRules.idNumber(idType, idNumber).ifPresent(v -> {
            throw new DegreeHubException(FaultCode.INVALID_ID_NUMBER, v.messageZh(), v.messageEn(), "idNumber");
        });
        Allowance allowance = lockAllowance(holderAccount);
        String certificate = DegreeRules.normaliseCertificateNumber(certificateNumber);
        if (boundCertificates(holderAccount).contains(certificate)) {
            return new Outcome(null, allowance.attemptsLeft(), matching(certificate, name, idType, idNumber).orElse(null));
        }
        if (allowance.attemptsLeft() == 0) {
            return new Outcome(Refusal.NO_ATTEMPTS_LEFT, 0, null);
        }
        Optional<Degree> degree = matching(certificate, name, idType, idNumber);
        if (degree.isEmpty()) {
            jdbc.update("UPDATE binding_allowance SET failed_attempts = failed_attempts + 1, last_failed_at = ?"
                    + " WHERE holder_account = ?", UtcTime.column(clock.instant()), holderAccount);
            return new Outcome(Refusal.NOT_MATCHED, allowance.attemptsLeft() - 1, null);
        }
        jdbc.update("INSERT INTO degree_binding (holder_account, certificate_number, bound_at, bound_by) VALUES (?, ?, ?, ?)",
                holderAccount, certificate, UtcTime.column(clock.instant()), portalAccount);
        return new Outcome(null, allowance.attemptsLeft(), degree.get());
    }

    /** The published, online, not honorary degree of this number whose holder is this person, if there is one. */
    private Optional<Degree> matching(String certificate, String name, String idType, String idNumber) {
        return records.find(certificate)
                .filter(r -> "PUBLISHED".equals(r.status()))
                .map(DegreeRecords.Stored::degree)
                .filter(d -> d.online() && !d.honorary())
                .filter(d -> DegreeRules.normaliseName(d.holderName()).equals(DegreeRules.normaliseName(name))
                        && Objects.equals(d.idType(), idType)
                        && DegreeRules.normaliseIdNumber(d.idNumber()).equals(DegreeRules.normaliseIdNumber(idNumber)));
    }

    /** The service desk grants {@code attempts} more to an account, with a reason, audited. */
    public Allowance grant(String holderAccount, int attempts, String actor, String reason) {
        if (attempts < 1 || attempts > 100) {
            throw DegreeHubException.invalid("attempts", "追加次数应为 1 到 100", "Grant 1 to 100 attempts");
        }
        if (reason == null || reason.isBlank()) {
            throw DegreeHubException.invalid("reason", "追加绑定次数须说明理由", "Granting attempts needs a reason");
        }
        lockAllowance(holderAccount);
        jdbc.update("UPDATE binding_allowance SET granted_attempts = granted_attempts + ? WHERE holder_account = ?",
                attempts, holderAccount);
        audit.record(actor, "BINDING_GRANT", holderAccount, "+" + attempts + ": " + reason.trim());
        return allowance(holderAccount);
    }

    /** The failed attempts an account has before the center must grant more. */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** An account's attempts and bound degrees (an account never seen has all its attempts and none bound). */
    public Allowance allowance(String holderAccount) {
        return jdbc.query("SELECT failed_attempts, granted_attempts FROM binding_allowance WHERE holder_account = ?",
                        (rs, i) -> new Allowance(holderAccount, maxAttempts, rs.getInt(1), rs.getInt(2),
                                boundCertificates(holderAccount)), holderAccount)
                .stream().findFirst()
                .orElseGet(() -> new Allowance(holderAccount, maxAttempts, 0, 0, boundCertificates(holderAccount)));
    }

    private List<String> boundCertificates(String holderAccount) {
        return jdbc.queryForList("SELECT certificate_number FROM degree_binding WHERE holder_account = ?"
                + " ORDER BY bound_at", String.class, holderAccount);
    }

    /** The account's allowance row, created on first use and locked for the rest of the transaction. */
    private Allowance lockAllowance(String holderAccount) {
        // when another call made it first, the lock below waits for that call's transaction
        SqlDialect.insertUnlessPresent(jdbc, "INSERT INTO binding_allowance (holder_account) VALUES (?)", holderAccount);
        return jdbc.query("SELECT failed_attempts, granted_attempts FROM binding_allowance WHERE holder_account = ?"
                        + " FOR UPDATE", (rs, i) -> new Allowance(holderAccount, maxAttempts, rs.getInt(1), rs.getInt(2),
                        List.of()), holderAccount)
                .stream().findFirst().orElseThrow();
    }
}
