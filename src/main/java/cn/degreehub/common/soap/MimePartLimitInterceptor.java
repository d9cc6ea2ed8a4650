package cn.degreehub.common.soap;

import java.util.function.IntConsumer;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.AbstractPhaseInterceptor;
import org.apache.cxf.phase.Phase;

/**
 * Counts every MIME part of an MTOM request, whether the Body refers to it or not (CXF reads only the parts the
 * Body refers to; the rest would pass unseen), and hands the count to the endpoint's rule, which refuses too
 * many. Reading them all is bounded by the payload limit.
 */
public class MimePartLimitInterceptor extends AbstractPhaseInterceptor<Message> {

    private final IntConsumer checkCount;

    public MimePartLimitInterceptor(IntConsumer checkCount) {
        super(Phase.PRE_INVOKE);
        this.checkCount = checkCount;
    }

    @Override
    public void handleMessage(Message message) {
        if (message.getAttachments() != null) {
            checkCount.accept(message.getAttachments().size());
        }
    }
}
