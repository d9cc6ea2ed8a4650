package cn.degreehub.common.soap;

import cn.degreehub.common.DegreeHubException;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Refuses a request whose Body names no operation (an empty Body) before it reaches the routes: CXF hands it
 * on without an operation, and the route's direct: endpoint for "no operation" does not exist, so Camel would
 * wait for a consumer to appear (30 s) and then fail with INTERNAL, holding a request thread all the while.
 */
public class RequireOperationInterceptor extends AbstractPhaseInterceptor<Message> {

    public RequireOperationInterceptor() {
        super(Phase.PRE_INVOKE);
    }

    @Override
    public void handleMessage(Message message) {
        if (message.getExchange().getBindingOperationInfo() == null) {
            throw new Fault(DegreeHubException.invalid("Body", "SOAP Body 为空或未指明操作",
                    "The SOAP Body is empty or names no operation"));
        }
    }
}
