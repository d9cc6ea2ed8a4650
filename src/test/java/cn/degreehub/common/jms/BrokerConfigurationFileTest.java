package cn.degreehub.common.jms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.partner.BrokerSecurity;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.PartnerRegistryProperties;
import cn.degreehub.partner.Role;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.activemq.artemis.core.config.Configuration;
import org.apache.activemq.artemis.core.config.CoreAddressConfiguration;
import org.apache.activemq.artemis.core.config.FileDeploymentManager;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.config.impl.FileConfiguration;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.FileSystemResource;

/**
 * The external broker pair's configuration (config/broker/) says what the embedded broker is told in Java: the
 * same queues, dead-letter and redelivery settings (EmbeddedBrokerConfiguration) and the same rights per address
 * (BrokerSecurity), for the registry in config/partners.yml. One of them changed alone fails here.
 */
class BrokerConfigurationFileTest {

    static final Path BROKER = Path.of("config/broker");
    static Binder application;
    static PartnerRegistry registry;

    @BeforeAll
    static void load() throws Exception {
        System.setProperty("artemis.instance.etc", BROKER.toAbsolutePath().toString());
        System.setProperty("broker.cluster.password", "test");
        List<PropertySource<?>> sources = new ArrayList<>();
        YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
        sources.addAll(yaml.load("application", new FileSystemResource("config/application.yml")));
        sources.addAll(yaml.load("partners", new FileSystemResource("config/partners.yml")));
        application = new Binder(ConfigurationPropertySources.from(sources));
        registry = new PartnerRegistry(application.bind("degreehub.partners", PartnerRegistryProperties.class).get());
    }

    @AfterAll
    static void clear() {
        System.clearProperty("artemis.instance.etc");
        System.clearProperty("broker.cluster.password");
    }

    static FileConfiguration brokerXml(String role) throws Exception {
        FileConfiguration config = new FileConfiguration();
        FileDeploymentManager deployment = new FileDeploymentManager(BROKER.resolve(role + ".xml").toUri().toString());
        deployment.addDeployable(config);
        deployment.readConfiguration();
        return config;
    }

    static String property(String name) {
        return application.bind(name, String.class).get();
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "backup"})
    void redeliveryAndDeadLettersAsTheEmbeddedBrokers(String role) throws Exception {
        List<String> queues = List.of(property("degreehub.queues.names").split(","));
        Configuration embedded = new ConfigurationImpl();
        new EmbeddedBrokerConfiguration().hubBrokerSettings("tcp://127.0.0.1:0", queues,
                        Integer.parseInt(property("degreehub.queues.max-deliveries")),
                        Long.parseLong(property("degreehub.queues.redelivery-delay-ms")))
                .customize(embedded);
        Map<String, AddressSettings> file = brokerXml(role).getAddressSettings();
        for (String queue : queues) {
            AddressSettings expected = embedded.getAddressSettings().get(queue);
            AddressSettings actual = file.get(queue);
            assertThat(actual).as("%s: address-setting %s", role, queue).isNotNull();
            assertThat(String.valueOf(actual.getDeadLetterAddress())).as(queue).isEqualTo(String.valueOf(expected.getDeadLetterAddress()));
            assertThat(actual.getMaxDeliveryAttempts()).as(queue).isEqualTo(expected.getMaxDeliveryAttempts());
            assertThat(actual.getRedeliveryDelay()).as(queue).isEqualTo(expected.getRedeliveryDelay());
            assertThat(actual.getRedeliveryMultiplier()).as(queue).isEqualTo(expected.getRedeliveryMultiplier());
            assertThat(actual.getMaxRedeliveryDelay()).as(queue).isEqualTo(expected.getMaxRedeliveryDelay());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "backup"})
    void theSameRightsPerAddressAsBrokerSecurity(String role) throws Exception {
        FileConfiguration config = brokerXml(role);
        assertThat(config.isSecurityEnabled()).isTrue();
        assertThat(config.isPopulateValidatedUser()).as("the consumers check the stamped sender").isTrue();
        BrokerSecurity security = new BrokerSecurity(registry, null, null);
        assertThat(rights(config.getSecurityRoles())).isEqualTo(rights(security.securitySettings()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"live", "backup"})
    void everyQueueAPartnerReadsExistsFromTheStart(String role) throws Exception {
        Set<String> queues = brokerXml(role).getAddressConfigurations().stream()
                .flatMap(a -> a.getQueueConfigs().stream().map(q -> q.getName().toString()))
                .collect(Collectors.toSet());
        Set<String> expected = new TreeSet<>(List.of(property("degreehub.queues.all").split(",")));
        registry.provinces().forEach(p -> expected.add(BrokerSecurity.receiptQueue(p.code())));
        registry.units().stream().filter(u -> u.channel() != null && "QUEUE".equals(u.channel().type()))
                .forEach(u -> {
                    expected.add(BrokerSecurity.checkQueue(u.code()));
                    expected.add(BrokerSecurity.feedbackQueue(u.code()));
                });
        assertThat(queues).containsAll(expected);
        assertThat(brokerXml(role).getAddressConfigurations()).extracting(CoreAddressConfiguration::getName)
                .doesNotHaveDuplicates();
    }

    @org.junit.jupiter.api.Test
    void theDemoUsersAreTheRegistrysBrokerAccountsAndTheHub() throws Exception {
        Properties users = new Properties();
        try (InputStream in = Files.newInputStream(BROKER.resolve("demo/artemis-users.properties"))) {
            users.load(in);
        }
        Set<String> expected = new TreeSet<>();
        expected.add(MessageSpool.HUB_BROKER_USER);
        for (String name : List.of("province-12", "province-42", "unit-10056", "unit-10056-grad", "unit-10486")) {
            var account = registry.account(name).orElseThrow();
            assertThat(account.is(Role.PROVINCE) || account.is(Role.UNIT_LEAD) || account.is(Role.UNIT_DEPT)).isTrue();
            expected.add(name);
        }
        assertThat(new TreeSet<>(users.stringPropertyNames())).isEqualTo(expected);
        users.forEach((user, password) -> assertThat(password).as("demo passwords only").isEqualTo(user + "-pass"));
    }

    /** match → "role: rights" (the Role class's equality is not what matters here). */
    static Map<String, Set<String>> rights(Map<String, Set<org.apache.activemq.artemis.core.security.Role>> settings) {
        Map<String, Set<String>> out = new TreeMap<>();
        settings.forEach((match, roles) -> out.put(match, roles.stream().map(r -> r.getName() + ":"
                        + (r.isSend() ? " send" : "") + (r.isConsume() ? " consume" : "") + (r.isBrowse() ? " browse" : "")
                        + (r.isManage() ? " manage" : "") + (r.isCreateAddress() ? " createAddress" : "")
                        + (r.isDeleteAddress() ? " deleteAddress" : "") + (r.isCreateDurableQueue() ? " createDurableQueue" : "")
                        + (r.isDeleteDurableQueue() ? " deleteDurableQueue" : "")
                        + (r.isCreateNonDurableQueue() ? " createNonDurableQueue" : "")
                        + (r.isDeleteNonDurableQueue() ? " deleteNonDurableQueue" : ""))
                .collect(Collectors.toCollection(TreeSet::new))));
        return out;
    }
}
