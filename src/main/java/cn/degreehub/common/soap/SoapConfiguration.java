package cn.degreehub.common.soap;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class SoapConfiguration {

    /** Routes from a CXF endpoint: the operation's request object as the body. */
    @Bean
    UnwrapSoapRequest unwrapSoapRequest() {
        return new UnwrapSoapRequest();
    }
}
