package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.FileSystemResource;

/** A unit's closures in the registry (config/partners.yml, docs/domain-rules.md "Closures") are bound and checked. */
class ClosureRegistryTest {

    @Test
    void theDemoUnitsWinterClosure() throws Exception {
        Binder binder = new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
                .load("partners", new FileSystemResource("config/partners.yml"))));
        PartnerRegistry registry = new PartnerRegistry(binder.bind("degreehub.partners", PartnerRegistryProperties.class).get());

        assertThat(registry.unit("10056").orElseThrow().closures()).containsExactly(new PartnerRegistryProperties.Closure(
                LocalDate.of(2027, 1, 18), LocalDate.of(2027, 2, 21), "寒假"));
        assertThat(registry.unit("10486").orElseThrow().closures()).isEmpty();
    }

    @Test
    void overlappingOrBackwardClosuresOfAUnitAreRefusedAtStart() {
        assertThatThrownBy(() -> registry("2027-01-18", "2027-02-21", "2027-02-21", "2027-03-01"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("overlap");
        assertThatThrownBy(() -> registry("2027-02-21", "2027-01-18", null, null))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("a closure needs");
        assertThat(registry("2027-01-18", "2027-02-21", "2027-07-12", "2027-08-29").unit("10001").orElseThrow().closures())
                .hasSize(2);
    }

    private static PartnerRegistry registry(String from1, String to1, String from2, String to2) {
        Map<String, Object> p = new HashMap<>();
        p.put("degreehub.partners.provinces[0].code", "11");
        p.put("degreehub.partners.units[0].code", "10001");
        p.put("degreehub.partners.units[0].province", "11");
        p.put("degreehub.partners.units[0].closures[0].from", from1);
        p.put("degreehub.partners.units[0].closures[0].to", to1);
        p.put("degreehub.partners.units[0].closures[0].reason", "寒假");
        if (from2 != null) {
            p.put("degreehub.partners.units[0].closures[1].from", from2);
            p.put("degreehub.partners.units[0].closures[1].to", to2);
            p.put("degreehub.partners.units[0].closures[1].reason", "暑假");
        }
        Binder binder = new Binder(ConfigurationPropertySources.from(new MapPropertySource("test", p)));
        return new PartnerRegistry(binder.bind("degreehub.partners", PartnerRegistryProperties.class).get());
    }
}
