package cn.degreehub.common.soap;

import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * Replaces a CXF POJO-mode body (the operation's parameter list) by its one request object.
 * Does what {@code ${body[0]}} does; that expression costs a failed type-converter look-up on every
 * call (about 5 % of a read operation's CPU, profiled).
 */
public class UnwrapSoapRequest implements Processor {

    @Override
    public void process(Exchange exchange) {
        Object body = exchange.getIn().getBody();
        if (body instanceof List<?> parameters && !parameters.isEmpty()) {
            exchange.getIn().setBody(parameters.get(0));
        }
    }
}
