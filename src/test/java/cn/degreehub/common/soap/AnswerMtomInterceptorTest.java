package cn.degreehub.common.soap;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.verification.GetApplicationStatusResponse;
import cn.degreehub.contract.verification.GetReportResponse;
import cn.degreehub.contract.verification.SubmitApplicationRequest;
import cn.degreehub.contract.verification.VerifyReportResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.junit.jupiter.api.Test;

class AnswerMtomInterceptorTest {

    @Test
    void binaryIsFoundInTheContractTypesThatCarryIt() {
        assertThat(AnswerMtomInterceptor.carriesBinary(GetReportResponse.class, new HashSet<>())).isTrue();
        // through List<Attachment>
        assertThat(AnswerMtomInterceptor.carriesBinary(SubmitApplicationRequest.class, new HashSet<>())).isTrue();
        assertThat(AnswerMtomInterceptor.carriesBinary(GetApplicationStatusResponse.class, new HashSet<>())).isFalse();
        assertThat(AnswerMtomInterceptor.carriesBinary(VerifyReportResponse.class, new HashSet<>())).isFalse();
    }

    @Test
    void inlineIsAskedByTheQueryParameterOrTheHeader() {
        assertThat(AnswerMtomInterceptor.inlineAsked(request("inline=true", null))).isTrue();
        assertThat(AnswerMtomInterceptor.inlineAsked(request("a=1&inline=TRUE", null))).isTrue();
        assertThat(AnswerMtomInterceptor.inlineAsked(request("inline=false", null))).isFalse();
        assertThat(AnswerMtomInterceptor.inlineAsked(request("noinline=true", null))).isFalse();
        assertThat(AnswerMtomInterceptor.inlineAsked(request("wsdl", null))).isFalse();
        assertThat(AnswerMtomInterceptor.inlineAsked(request(null, "true"))).isTrue();
        assertThat(AnswerMtomInterceptor.inlineAsked(request(null, "no"))).isFalse();
        assertThat(AnswerMtomInterceptor.inlineAsked(request(null, null))).isFalse();
    }

    private static Message request(String query, String header) {
        Message m = new MessageImpl();
        if (query != null) {
            m.put(Message.QUERY_STRING, query);
        }
        Map<String, List<String>> headers = new TreeMap<>();
        if (header != null) {
            headers.put("x-degreehub-inline", List.of(header));
        }
        m.put(Message.PROTOCOL_HEADERS, headers);
        return m;
    }
}
