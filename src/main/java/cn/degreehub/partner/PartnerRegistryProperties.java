package cn.degreehub.partner;

import cn.degreehub.common.soap.SoapClients.CallSecurity;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.format.annotation.DateTimeFormat;

/** The partner registry as configured in config/partners.yml. */
@ConfigurationProperties("degreehub.partners")
public class PartnerRegistryProperties {

    private List<Province> provinces = new ArrayList<>();
    private List<Unit> units = new ArrayList<>();
    private List<AccountEntry> accounts = new ArrayList<>();

    public List<Province> getProvinces() {
        return provinces;
    }

    public void setProvinces(List<Province> provinces) {
        this.provinces = provinces;
    }

    public List<Unit> getUnits() {
        return units;
    }

    public void setUnits(List<Unit> units) {
        this.units = units;
    }

    public List<AccountEntry> getAccounts() {
        return accounts;
    }

    public void setAccounts(List<AccountEntry> accounts) {
        this.accounts = accounts;
    }

    public record Province(String code, String name) {
    }

    /**
     * A degree-granting unit, its English name (for English reports), its check channel and departments, and the
     * closures (vacations) the center knows of (docs/domain-rules.md, "Closures").
     */
    public record Unit(String code, String name, String nameEn, String province, Channel channel, List<Department> departments,
                       List<Closure> closures) {
        @ConstructorBinding
        public Unit {
            departments = departments == null ? List.of() : List.copyOf(departments);
            closures = closures == null ? List.of() : List.copyOf(closures);
        }

        /** A unit without closures (tests). */
        public Unit(String code, String name, String nameEn, String province, Channel channel, List<Department> departments) {
            this(code, name, nameEn, province, channel, departments, List.of());
        }
    }

    /** A unit's closure: from and to (inclusive), ISO dates, and why (寒假, 暑假 ...). */
    public record Closure(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
                          @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to, String reason) {
    }

    /**
     * How check requests reach the unit: QUEUE (degreehub.check.&lt;unitCode&gt;) or SOAP (endpoint, with the
     * WS-Security header the unit wants: {@code security}, absent = {@link CallSecurity#DEFAULT}), in the contract
     * version the unit implements: {@code contract} v1 (absent) or v2 (docs/partner-interfaces.md, "Contract versions").
     * A SOAP unit's {@code feedbackEndpoint}, when set, is its UnitFeedbackReceiver: withheld-records feedback is pushed
     * there (same security); absent, the unit fetches it (docs/partner-interfaces.md, "Withheld feedback").
     */
    public record Channel(String type, String endpoint, CallSecurity security, String contract, String feedbackEndpoint) {
        @ConstructorBinding
        public Channel {
            security = security == null ? CallSecurity.DEFAULT : security;
            contract = contract == null || contract.isBlank() ? "v1" : contract.trim();
            if (!contract.equals("v1") && !contract.equals("v2")) {
                throw new IllegalArgumentException("A unit's channel.contract is v1 or v2, not " + contract);
            }
        }

        public Channel(String type, String endpoint, CallSecurity security, String contract) {
            this(type, endpoint, security, contract, null);
        }

        public boolean v2() {
            return contract.equals("v2");
        }
    }

    /**
     * A check department with its declared scope: levels {ALL, BACHELOR, MASTER, DOCTOR}, award years
     * {ALL, PAST, CURRENT, OTHER}, study forms for bachelor degrees {ALL, REGULAR, ADULT, INTERNATIONAL}.
     */
    public record Department(String id, String name, boolean lead, List<String> levels, List<String> awardYears,
                             List<String> studyForms) {
    }

    /**
     * An account. {@code passwordHash} is a Spring Security encoded hash ({bcrypt}...) checked for
     * PasswordText; {@code digestSecret} ({cipher}..., AES-GCM under the master key) is needed only by
     * accounts that authenticate with PasswordDigest, which requires the shared secret at the verifier.
     */
    public record AccountEntry(String username, Role role, String province, String unit, String department,
                               String passwordHash, String digestSecret) {
    }
}
