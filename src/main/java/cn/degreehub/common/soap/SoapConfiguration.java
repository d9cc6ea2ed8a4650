package cn.degreehub.common.soap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    /** Routes from a CXF endpoint: the operation's request object as the body. */
    @Bean
    UnwrapSoapRequest unwrapSoapRequest() {
        return new UnwrapSoapRequest();
    }

    /** The SOAP services read at most this many request bytes at once (RequestBytesBudget). */
    @Bean
    FilterRegistrationBean<RequestBytesBudget> requestBytesBudget(
            @Value("${degreehub.soap.max-in-flight-bytes}") long budget,
            @Value("${degreehub.soap.max-message-bytes}") long messageLimit, MeterRegistry meters) {
        RequestBytesBudget filter = new RequestBytesBudget(budget, messageLimit);
        Gauge.builder("degreehub.soap.in.flight.bytes", filter, RequestBytesBudget::reserved)
                .description("request bytes the SOAP services are reading now").register(meters);
        FilterRegistrationBean<RequestBytesBudget> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns("/services/*");
        // before security and CXF: a refused request costs nothing
        registration.setOrder(org.springframework.core.Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }
}
