package cn.degreehub.console;

import cn.degreehub.admin.RouteControl;
import cn.degreehub.audit.AuditLog;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import cn.degreehub.check.CheckTasks;
import cn.degreehub.filing.FilingRepository;
import cn.degreehub.verification.Applications;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;

/** The console speaks Chinese unless the user switches to English (?lang=en), kept in a cookie. */
@Configuration(proxyBeanMethods = false)
public class ConsoleConfiguration implements WebMvcConfigurer {

    @Bean
    Dashboard dashboard(Applications applications, CheckTasks tasks, FilingRepository filing, Queues queues,
                        RouteControl routes, Clock clock) {
        return new Dashboard(applications, tasks, filing, queues, routes, clock);
    }

    @Bean
    BusinessMetrics businessMetrics(Dashboard dashboard, Clock clock, io.micrometer.core.instrument.MeterRegistry meters) {
        return new BusinessMetrics(dashboard, clock, meters);
    }

    /** Consumer counts come from the embedded broker when there is one; an external broker shows -1. */
    @Bean
    Queues queues(ConnectionFactory connectionFactory, @Value("${degreehub.queues.all}") List<String> queues,
                  ObjectProvider<EmbeddedActiveMQ> embedded, AuditLog audit, @Value("${degreehub.data-dir}") String dataDir) {
        return new Queues(connectionFactory, queues, name -> {
            EmbeddedActiveMQ broker = embedded.getIfAvailable();
            if (broker == null || broker.getActiveMQServer() == null) {
                return -1;
            }
            var queue = broker.getActiveMQServer().locateQueue(SimpleString.of(name));
            return queue == null ? 0 : queue.getConsumerCount();
        }, audit, Path.of(dataDir, "spool"));
    }

    @Bean
    LocaleResolver localeResolver() {
        // a cookie, not the session: an anonymous visitor switching language must not take a session
        CookieLocaleResolver resolver = new CookieLocaleResolver("degreehub-lang");
        resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
        return resolver;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor lang = new LocaleChangeInterceptor();
        lang.setParamName("lang");
        registry.addInterceptor(lang).addPathPatterns("/admin/**");
    }
}
