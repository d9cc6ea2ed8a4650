package cn.degreehub.partner;

import cn.degreehub.partner.PartnerRegistryProperties.AccountEntry;
import cn.degreehub.partner.PartnerRegistryProperties.Closure;
import cn.degreehub.partner.PartnerRegistryProperties.Province;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Provinces, degree-granting units and partner accounts, read once from configuration. */
public class PartnerRegistry {

    private final Map<String, Province> provinces;
    private final Map<String, Unit> units;
    private final Map<String, AccountEntry> accounts;

    public PartnerRegistry(PartnerRegistryProperties props) {
        this.provinces = index(props.getProvinces(), Province::code);
        this.units = index(props.getUnits(), Unit::code);
        this.accounts = index(props.getAccounts(), AccountEntry::username);
        for (Unit u : units.values()) {
            if (!provinces.containsKey(u.province())) {
                throw new IllegalStateException("Unit " + u.code() + " names unknown province " + u.province());
            }
            checkClosures(u);
        }
        for (AccountEntry a : accounts.values()) {
            if (a.role() == null) {
                throw new IllegalStateException("Account " + a.username() + " has no role");
            }
            switch (a.role()) {
                case PROVINCE -> require(provinces.containsKey(a.province()), a, "a known province");
                case UNIT_LEAD -> require(units.containsKey(a.unit()), a, "a known unit");
                case UNIT_DEPT -> require(units.containsKey(a.unit()) && a.department() != null
                        && units.get(a.unit()).departments().stream().anyMatch(d -> d.id().equals(a.department())),
                        a, "a known unit and one of its departments");
                default -> { }
            }
        }
    }

    /** Each closure a range of days with a reason, none overlapping another of the unit (docs/domain-rules.md, "Closures"). */
    private static void checkClosures(Unit u) {
        List<Closure> sorted = u.closures().stream().peek(c -> {
            if (c.from() == null || c.to() == null || c.to().isBefore(c.from()) || c.reason() == null || c.reason().isBlank()) {
                throw new IllegalStateException("Unit " + u.code() + ": a closure needs from, to (not before from) and a reason: " + c);
            }
        }).sorted(Comparator.comparing(Closure::from)).toList();
        for (int i = 1; i < sorted.size(); i++) {
            if (!sorted.get(i).from().isAfter(sorted.get(i - 1).to())) {
                throw new IllegalStateException("Unit " + u.code() + ": closures overlap: " + sorted.get(i - 1) + ", " + sorted.get(i));
            }
        }
    }

    private static void require(boolean ok, AccountEntry a, String what) {
        if (!ok) {
            throw new IllegalStateException("Account " + a.username() + " (" + a.role() + ") needs " + what);
        }
    }

    private static <T> Map<String, T> index(Collection<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity(), (a, b) -> {
            throw new IllegalStateException("Duplicate registry entry " + key.apply(a));
        }, LinkedHashMap::new));
    }

    public Optional<Unit> unit(String code) {
        return Optional.ofNullable(code == null ? null : units.get(code));
    }

    public Optional<Province> province(String code) {
        return Optional.ofNullable(code == null ? null : provinces.get(code));
    }

    public Collection<Unit> units() {
        return units.values();
    }

    public Collection<Province> provinces() {
        return provinces.values();
    }

    Optional<AccountEntry> accountEntry(String username) {
        return Optional.ofNullable(username == null ? null : accounts.get(username));
    }

    Collection<AccountEntry> accountEntries() {
        return accounts.values();
    }

    public int accountCount() {
        return accounts.size();
    }

    public Optional<Account> account(String username) {
        return accountEntry(username).map(e -> {
            String province = switch (e.role()) {
                case PROVINCE -> e.province();
                case UNIT_LEAD, UNIT_DEPT -> units.get(e.unit()).province();
                default -> null;
            };
            return new Account(e.username(), e.role(), province, e.unit(), e.department());
        });
    }
}
