package cn.degreehub.partner;

import cn.degreehub.audit.AuditLog;
import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.UtcTime;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.partner.PartnerRegistryProperties.Unit;
import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A degree-granting unit's closures (寒假, 暑假): the days its time limits do not count (docs/domain-rules.md,
 * "Closures"). Two sources, one list: the partner registry's ({@code closures:} of a unit in config/partners.yml, the
 * center's) and those the unit's lead department announced ahead (table {@code unit_closure}). Who may announce is
 * the caller's concern (the check service's lead-only rule); this class keeps the dates' rules and the audit line.
 */
public class UnitClosures {

    public enum Source { REGISTRY, ANNOUNCED }

    /** From and to inclusive; {@code announcedBy}/{@code announcedAt} null for the registry's. */
    public record Closure(String unitCode, LocalDate from, LocalDate to, String reason, Source source,
                          String announcedBy, Instant announcedAt) {

        public boolean overlaps(LocalDate otherFrom, LocalDate otherTo) {
            return !otherFrom.isAfter(to) && !otherTo.isBefore(from);
        }
    }

    private final JdbcTemplate jdbc;
    private final PartnerRegistry registry;
    private final AuditLog audit;
    private final Clock clock;
    private final int maxDays;
    private final int maxAheadDays;
    private final int maxDaysPerYear;

    /**
     * @param maxDays      the longest closure a unit may announce, in calendar days (degreehub.closures.max-days)
     * @param maxAheadDays how far ahead a closure may start (degreehub.closures.max-ahead-days): a unit announces
     *                     this year's and next year's vacations, not an unbounded list of future ones
     * @param maxDaysPerYear a unit's closed days in a calendar year, registry and announced together
     *                     (degreehub.closures.max-days-per-year): closures one after another cannot stretch a time
     *                     limit without end
     */
    public UnitClosures(JdbcTemplate jdbc, PartnerRegistry registry, AuditLog audit, Clock clock, int maxDays,
                        int maxAheadDays, int maxDaysPerYear) {
        this.maxAheadDays = maxAheadDays;
        this.maxDaysPerYear = maxDaysPerYear;
        this.jdbc = jdbc;
        this.registry = registry;
        this.audit = audit;
        this.clock = clock;
        this.maxDays = maxDays;
    }

    /** Every closure of the unit, registry and announced, by first day. */
    public List<Closure> of(String unitCode) {
        List<Closure> all = new ArrayList<>();
        registry.unit(unitCode).ifPresent(u -> u.closures().forEach(c ->
                all.add(new Closure(u.code(), c.from(), c.to(), c.reason(), Source.REGISTRY, null, null))));
        all.addAll(jdbc.query("SELECT * FROM unit_closure WHERE unit_code = ?", (rs, i) -> new Closure(
                rs.getString("unit_code"), rs.getDate("from_date").toLocalDate(), rs.getDate("to_date").toLocalDate(),
                rs.getString("reason"), Source.ANNOUNCED, rs.getString("announced_by"),
                UtcTime.instant(rs.getTimestamp("announced_at").toLocalDateTime())), unitCode));
        all.sort(Comparator.comparing(Closure::from));
        return all;
    }

    /** The unit's closures not over by {@code today}. */
    public List<Closure> current(String unitCode, LocalDate today) {
        return of(unitCode).stream().filter(c -> !c.to().isBefore(today)).toList();
    }

    /** Every registry unit's closures, in the registry's order of units (those without any included, empty). */
    public Map<String, List<Closure>> all() {
        Map<String, List<Closure>> all = new LinkedHashMap<>();
        for (Unit u : registry.units()) {
            all.put(u.code(), of(u.code()));
        }
        return all;
    }

    /**
     * A closure the unit announces: it starts after today (China time), ends on or after its first day, lasts at
     * most {@code maxDays} days and overlaps none of the unit's closures (refused, not merged: two announcements
     * that overlap are more likely a mistake than a longer vacation, and a registry closure is the center's to
     * change). Stored and audited in the caller's transaction.
     */
    public Closure announce(String unitCode, LocalDate from, LocalDate to, String reason, String actor) {
        Unit unit = registry.unit(unitCode).orElseThrow(() -> new DegreeHubException(FaultCode.FORBIDDEN,
                "账号不属于已登记的学位授予单位", "The account does not belong to a registered degree-granting unit"));
        LocalDate today = ChinaTime.today(clock);
        if (from == null || !from.isAfter(today)) {
            throw DegreeHubException.invalid("from", "放假须提前报备：开始日期须晚于今天（" + today + "）",
                    "A closure must be announced ahead: from must be after today (" + today + ")");
        }
        if (from.isAfter(today.plusDays(maxAheadDays))) {
            throw DegreeHubException.invalid("from", "放假至多提前 " + maxAheadDays + " 天报备（最晚开始于 "
                    + today.plusDays(maxAheadDays) + "）", "A closure is announced at most " + maxAheadDays
                    + " days ahead (from " + today.plusDays(maxAheadDays) + " at the latest)");
        }
        if (to == null || to.isBefore(from)) {
            throw DegreeHubException.invalid("to", "结束日期不能早于开始日期", "to must not be before from");
        }
        long days = ChronoUnit.DAYS.between(from, to) + 1;
        if (days > maxDays) {
            throw DegreeHubException.invalid("to", "一次报备的放假时间至多 " + maxDays + " 天（本次 " + days + " 天）",
                    "A closure lasts at most " + maxDays + " days (this one " + days + ")");
        }
        // strip, not trim: a reason of ideographic spaces (U+3000) is no reason
        String why = reason == null ? "" : reason.strip();
        if (why.length() < 2) {
            throw DegreeHubException.invalid("reason", "须说明放假事由（如寒假、暑假），至少两个字", "A closure needs a reason of two"
                    + " characters at least (e.g. 寒假, winter vacation)");
        }
        Optional<Closure> overlapping = of(unit.code()).stream().filter(c -> c.overlaps(from, to)).findFirst();
        if (overlapping.isPresent()) {
            Closure c = overlapping.get();
            throw DegreeHubException.invalid("from", "与已有的放假安排重叠：" + c.from() + " 至 " + c.to() + "（" + c.reason() + "）",
                    "Overlaps a closure already known: " + c.from() + " to " + c.to() + " (" + c.reason() + ")");
        }
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            int y = year;
            long closed = of(unit.code()).stream().mapToLong(c -> daysIn(c.from(), c.to(), y)).sum();
            long adding = daysIn(from, to, y);
            if (closed + adding > maxDaysPerYear) {
                throw DegreeHubException.invalid("to", y + " 年放假合计至多 " + maxDaysPerYear + " 天（已有 " + closed
                                + " 天，本次 " + adding + " 天）",
                        "A unit's closures in " + y + " total at most " + maxDaysPerYear + " days (" + closed
                                + " already, this one " + adding + ")");
            }
        }
        Instant now = clock.instant();
        jdbc.update("INSERT INTO unit_closure (unit_code, from_date, to_date, reason, announced_by, announced_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", unit.code(), Date.valueOf(from), Date.valueOf(to), why, actor,
                UtcTime.column(now));
        audit.record(actor, "UNIT_CLOSURE_ANNOUNCE", unit.code(), from + " .. " + to + ": " + why);
        return new Closure(unit.code(), from, to, why, Source.ANNOUNCED, actor, now);
    }

    /** The calendar days of [from, to] in {@code year}. */
    private static long daysIn(LocalDate from, LocalDate to, int year) {
        LocalDate a = from.isAfter(LocalDate.of(year, 1, 1)) ? from : LocalDate.of(year, 1, 1);
        LocalDate b = to.isBefore(LocalDate.of(year, 12, 31)) ? to : LocalDate.of(year, 12, 31);
        return b.isBefore(a) ? 0 : ChronoUnit.DAYS.between(a, b) + 1;
    }
}
