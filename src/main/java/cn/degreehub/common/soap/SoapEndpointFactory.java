package cn.degreehub.common.soap;

import javax.xml.namespace.QName;
import org.apache.camel.component.cxf.common.DataFormat;
import org.apache.camel.component.cxf.transport.header.CxfHeaderFilterStrategy;
import org.apache.camel.component.cxf.jaxws.CxfEndpoint;
import org.apache.cxf.annotations.SchemaValidation.SchemaValidationType;
import org.apache.cxf.feature.validation.SchemaValidationFeature;
import org.apache.cxf.interceptor.Interceptor;
import org.apache.cxf.message.Message;

/**
 * Builds the hub's CXF endpoints the same way: contract from wsdl/, POJO data format, schema validation
 * of requests, WS-Security, the payload limit, a Body naming an operation and the fault shape of docs/partner-interfaces.md, "Faults";
 * with MTOM, MTOM answers only where binary travels ({@link AnswerMtomInterceptor}).
 */
public class SoapEndpointFactory {

    private final Interceptor<? extends Message> security;
    private final long maxMessageBytes;

    public SoapEndpointFactory(Interceptor<? extends Message> security, long maxMessageBytes) {
        this.security = security;
        this.maxMessageBytes = maxMessageBytes;
    }

    /**
     * @param service the WSDL service name, e.g. {urn:degreehub:filing:v1}DegreeFilingService
     * @param port    the WSDL port name, e.g. {urn:degreehub:filing:v1}DegreeFilingPort
     */
    public CxfEndpoint endpoint(String address, Class<?> serviceClass, String wsdl, QName service, QName port,
                                boolean mtom) {
        CxfEndpoint endpoint = new CxfEndpoint();
        endpoint.setAddress(address);
        endpoint.setServiceClass(serviceClass);
        endpoint.setWsdlURL("classpath:" + wsdl);
        endpoint.setServiceNameAsQName(service);
        endpoint.setPortNameAsQName(port);
        endpoint.setDataFormat(DataFormat.POJO);
        // never relay request SOAP headers (the WS-Security token!) into the answer
        CxfHeaderFilterStrategy headers = new CxfHeaderFilterStrategy();
        headers.setRelayHeaders(false);
        endpoint.setHeaderFilterStrategy(headers);
        endpoint.setMtomEnabled(mtom);
        if (mtom) {
            // MTOM only for an answer that carries binary, and not when the caller asks for it inline
            AnswerMtomInterceptor answers = new AnswerMtomInterceptor();
            endpoint.getOutInterceptors().add(answers);
            endpoint.getOutFaultInterceptors().add(answers);
        }
        // requests are validated against the contract; answers are built from it and not re-checked
        endpoint.getFeatures().add(new SchemaValidationFeature(operation -> SchemaValidationType.IN));
        endpoint.getInInterceptors().add(new PayloadLimitInterceptor(maxMessageBytes));
        endpoint.getInInterceptors().add(security);
        endpoint.getInInterceptors().add(new RequireOperationInterceptor());
        endpoint.getOutFaultInterceptors().add(new FaultShapingInterceptor());
        return endpoint;
    }
}
