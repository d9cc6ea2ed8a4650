package cn.degreehub.partner;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartnerRegistryProperties.class)
public class PartnerConfiguration {

    @Bean
    PartnerRegistry partnerRegistry(PartnerRegistryProperties props) {
        return new PartnerRegistry(props);
    }

    /** Outside the demo profile the hub refuses to start while any account keeps its demo password. */
    @Bean
    Credentials credentials(PartnerRegistry registry,
                            @Value("${degreehub.security.master-key:}") String masterKey,
                            @Value("${degreehub.demo.enabled:false}") boolean demo) {
        Credentials credentials = new Credentials(registry, masterKey);
        if (!demo) {
            credentials.accountWithDemoPassword().ifPresent(user -> {
                throw new IllegalStateException("Account '" + user + "' still has its demo password; "
                        + "set real credentials in the partner registry before starting outside the demo profile");
            });
        }
        return credentials;
    }
}
