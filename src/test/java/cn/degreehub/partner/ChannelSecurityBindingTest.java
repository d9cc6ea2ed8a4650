package cn.degreehub.partner;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.common.soap.SoapClients.CallSecurity;
import cn.degreehub.common.soap.SoapClients.PasswordType;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.FileSystemResource;

/** A SOAP unit's channel.security in the registry (config/partners.yml) reaches the hub's client settings. */
class ChannelSecurityBindingTest {

    @Test
    void theDemoRegistrysSoapUnitAndItsDefaults() throws Exception {
        Binder binder = new Binder(ConfigurationPropertySources.from(new YamlPropertySourceLoader()
                .load("partners", new FileSystemResource("config/partners.yml"))));
        PartnerRegistry registry = new PartnerRegistry(binder.bind("degreehub.partners", PartnerRegistryProperties.class).get());

        assertThat(registry.unit("10486").orElseThrow().channel().security())
                .isEqualTo(new CallSecurity(PasswordType.DIGEST, true, Duration.ofMinutes(5)));
        // a unit that says nothing keeps what the hub always sent: a digest, no Timestamp
        assertThat(registry.unit("10056").orElseThrow().channel().security()).isEqualTo(CallSecurity.DEFAULT);
        assertThat(CallSecurity.DEFAULT).isEqualTo(new CallSecurity(PasswordType.DIGEST, false, Duration.ofMinutes(5)));
    }

    @Test
    void relaxedNamesAndValues() {
        Binder binder = new Binder(ConfigurationPropertySources.from(new MapPropertySource("test", Map.of(
                "degreehub.partners.units[0].code", "10001",
                "degreehub.partners.units[0].channel.type", "SOAP",
                "degreehub.partners.units[0].channel.endpoint", "https://unit.example/receiver",
                "degreehub.partners.units[0].channel.security.password-type", "text",
                "degreehub.partners.units[0].channel.security.timestamp-ttl", "90s"))));
        PartnerRegistryProperties.Channel channel = binder.bind("degreehub.partners", PartnerRegistryProperties.class)
                .get().getUnits().get(0).channel();

        assertThat(channel.security()).isEqualTo(new CallSecurity(PasswordType.TEXT, false, Duration.ofSeconds(90)));
    }
}
