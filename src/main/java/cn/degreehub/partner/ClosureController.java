package cn.degreehub.partner;

import cn.degreehub.common.DegreeHubException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The units' closures for the center's staff (REVIEWER, ADMIN): the registry's and those the units announced, per
 * unit (docs/domain-rules.md, "Closures"; docs/operations.md, the admin API).
 */
@RestController
@RequestMapping("/admin/api/closures")
public class ClosureController {

    private final UnitClosures closures;
    private final PartnerRegistry registry;

    public ClosureController(UnitClosures closures, PartnerRegistry registry) {
        this.closures = closures;
        this.registry = registry;
    }

    /** Every unit of the registry with its closures, by first day; {@code unit} lists one unit only. */
    @GetMapping
    public List<Map<String, Object>> list(@RequestParam(required = false) String unit) {
        List<Map<String, Object>> units = new ArrayList<>();
        if (unit != null) {
            PartnerRegistryProperties.Unit u = registry.unit(unit.trim())
                    .orElseThrow(() -> DegreeHubException.notFound("学位授予单位", "Unit"));
            units.add(unit(u.code(), u.name(), closures.of(u.code())));
            return units;
        }
        closures.all().forEach((code, list) -> units.add(unit(code, registry.unit(code).orElseThrow().name(), list)));
        return units;
    }

    private static Map<String, Object> unit(String code, String name, List<UnitClosures.Closure> list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unitCode", code);
        m.put("unitName", name);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (UnitClosures.Closure c : list) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("from", c.from().toString());
            r.put("to", c.to().toString());
            r.put("reason", c.reason());
            r.put("source", c.source().name());
            r.put("announcedBy", c.announcedBy());
            r.put("announcedAt", c.announcedAt() == null ? null : cn.degreehub.common.ChinaTime.timestamp(c.announcedAt()));
            rows.add(r);
        }
        m.put("closures", rows);
        return m;
    }
}
