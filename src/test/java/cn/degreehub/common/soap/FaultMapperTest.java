package cn.degreehub.common.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.types.FaultDetail;
import jakarta.xml.bind.UnmarshalException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;
import org.apache.camel.CamelExecutionException;
import org.apache.cxf.binding.soap.SoapFault;
import org.apache.cxf.interceptor.Fault;
import org.apache.cxf.message.Message;
import org.apache.cxf.message.MessageImpl;
import org.apache.cxf.staxutils.DepthRestrictingStreamReader;
import org.apache.cxf.staxutils.StaxUtils;
import com.ctc.wstx.stax.WstxInputFactory;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataIntegrityViolationException;

class FaultMapperTest {

    private static final String ORA = "ORA-12899: value too large for column \"HUB\".\"DEGREE_RECORD\".\"XM\" (actual: 120, maximum: 60)";

    @ParameterizedTest
    @EnumSource(value = FaultCode.class, names = "INTERNAL", mode = EnumSource.Mode.EXCLUDE)
    void aDomainExceptionKeepsItsCodeMessagesAndFieldWhereverItIsWrapped(FaultCode code) {
        DegreeHubException refusal = new DegreeHubException(code, "中文说明", "English text", "degree.awardDate");

        for (Throwable failure : new Throwable[] {refusal, new Fault(refusal),
                new CamelExecutionException("route failed", null, new Fault(refusal))}) {
            FaultDetail d = FaultMapper.map(failure);
            assertThat(d.getCode()).isEqualTo(code);
            assertThat(d.getMessageZh()).isEqualTo("中文说明");
            assertThat(d.getMessageEn()).isEqualTo("English text");
            assertThat(d.getField()).isEqualTo("degree.awardDate");
        }
    }

    @Test
    void anInternalDomainExceptionGetsATraceIdLikeAnyInternalFailure() {
        FaultDetail d = FaultMapper.map(new Fault(new DegreeHubException(FaultCode.INTERNAL, "内部", "Internal")));

        assertThat(d.getCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(d.getTraceId()).isNotBlank();
        assertThat(d.getMessageEn()).contains(d.getTraceId());
        assertThat(FaultMapper.isPartnerError(new DegreeHubException(FaultCode.INTERNAL, "内部", "Internal"))).isFalse();
    }

    @Test
    void thePayloadLimitIsKnownByItsTypeAloneEvenWrapped() {
        PayloadTooLargeException limit = new PayloadTooLargeException(4096);

        assertThat(FaultMapper.map(limit).getCode()).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);
        // as PayloadLimitInterceptor raises it on a Content-Length over the limit
        assertThat(FaultMapper.map(new Fault(limit)).getCode()).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);
        // as JAXB reports a stream that broke under it (its linked exception is the cause)
        assertThat(FaultMapper.map(new Fault(new UnmarshalException(limit))).getCode()).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);
        assertThat(FaultMapper.map(limit).getMessageEn()).isEqualTo("Message larger than 4096 bytes");

        Message declaredTooLong = new MessageImpl();
        declaredTooLong.put(Message.PROTOCOL_HEADERS, Map.of("Content-Length", List.of("5000")));
        Throwable refused = catchThrowable(() -> new PayloadLimitInterceptor(4096).handleMessage(declaredTooLong));
        assertThat(FaultMapper.map(refused).getCode()).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);
        assertThat(FaultMapper.isPartnerError(new Fault(limit))).isTrue();
    }

    @Test
    void thePayloadLimitHitWhileWoodstoxReadsIsStillPayloadTooLarge() throws Exception {
        // the stream PayloadLimitInterceptor puts under the parser, with a limit inside the document
        byte[] doc = ("<a>" + "x".repeat(10_000) + "</a>").getBytes(StandardCharsets.UTF_8);
        Throwable parsed = catchThrowable(() -> readAll(limited(doc, 1000)));

        // CXF's reader wraps what the parser wrapped: the limit is found under both, by its type
        assertThat(parsed).isNotInstanceOf(PayloadTooLargeException.class).hasRootCauseInstanceOf(PayloadTooLargeException.class);
        assertThat(FaultMapper.map(new Fault(parsed)).getCode()).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);
        assertThat(FaultMapper.isPartnerError(new Fault(parsed))).isTrue();
    }

    @Test
    void cxfsElementLimitsAreKnownByTheirClass() throws Exception {
        String deep = "<a>".repeat(20) + "</a>".repeat(20);
        Throwable tooDeep = catchThrowable(() -> {
            XMLStreamReader r = new DepthRestrictingStreamReader(reader(deep.getBytes(StandardCharsets.UTF_8)), -1, 10, -1);
            while (r.hasNext()) {
                r.next();
            }
        });

        assertThat(tooDeep).isInstanceOf(org.apache.cxf.staxutils.DepthExceededStaxException.class);
        FaultDetail d = FaultMapper.map(new Fault(tooDeep));
        assertThat(d.getCode()).isEqualTo(FaultCode.PAYLOAD_TOO_LARGE);
        assertThat(d.getMessageEn()).isEqualTo("Message exceeds a size limit (element depth or count)");
    }

    @Test
    void woodstoxsOwnLimitsLookLikeAnyMalformedXmlAndAreInvalidRequests() {
        // no type tells "Maximum attribute size limit (10) exceeded" from other XMLStreamExceptions
        XMLInputFactory f = new WstxInputFactory();
        f.setProperty("com.ctc.wstx.maxAttributeSize", 10);
        Throwable overLimit = catchThrowable(() -> {
            XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(
                    ("<a b=\"" + "y".repeat(100) + "\"/>").getBytes(StandardCharsets.UTF_8)));
            while (r.hasNext()) {
                r.next();
            }
        });

        assertThat(overLimit).hasMessageContaining("limit");
        assertThat(FaultMapper.map(new Fault(overLimit)).getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
    }

    @Test
    void aDatabaseSayingTooLargeIsInternalAndItsTextStaysInTheHub() {
        SQLException ora = new SQLException(ORA, "72000", 12899);

        for (Throwable failure : new Throwable[] {ora, new Fault(ora),
                new Fault(new DataIntegrityViolationException("could not insert degree record", ora)),
                new CamelExecutionException("route failed", null, new IllegalStateException("Maximum retries exceeded", ora))}) {
            FaultDetail d = FaultMapper.map(failure);
            assertThat(d.getCode()).as(failure.toString()).isEqualTo(FaultCode.INTERNAL);
            assertThat(d.getTraceId()).isNotBlank();
            assertThat(d.getMessageEn()).isEqualTo("Internal error, please retry later (trace " + d.getTraceId() + ")");
            assertThat(d.getMessageZh()).contains(d.getTraceId()).doesNotContain("ORA");
            assertThat(FaultMapper.isPartnerError(failure)).isFalse();
        }
    }

    @Test
    void anInternalFailureGetsANewTraceIdEachTime() {
        FaultDetail first = FaultMapper.map(new NullPointerException());
        FaultDetail second = FaultMapper.map(new NullPointerException());

        assertThat(first.getCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(first.getTraceId()).isNotEqualTo(second.getTraceId());
    }

    @Test
    void wordsOfTheRequestRulesInAnExceptionOfOursDoNotMakeItThePartners() {
        // these texts decide a fault only when CXF or a parser raised it
        assertThat(FaultMapper.map(new Fault(new IllegalStateException("security token header missing"))).getCode())
                .isEqualTo(FaultCode.INTERNAL);
        assertThat(FaultMapper.map(new Fault(new IllegalArgumentException("unexpected character in envelope"))).getCode())
                .isEqualTo(FaultCode.INTERNAL);
    }

    @Test
    void wsSecurityFailuresAreUnauthenticated() {
        WSSecurityException bad = new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION);

        assertThat(FaultMapper.map(new SoapFault("A security error was encountered", bad, Fault.FAULT_CODE_CLIENT))
                .getCode()).isEqualTo(FaultCode.UNAUTHENTICATED);
        // CXF's own fault on a missing Security header, with no WSSecurityException under it
        assertThat(FaultMapper.map(new Fault(new org.apache.cxf.common.i18n.Message(
                "No Security header found in the message", (java.util.ResourceBundle) null))).getCode())
                .isEqualTo(FaultCode.UNAUTHENTICATED);
    }

    @Test
    void wsSecurityFailuresNameTheirCauseButAWrongPasswordSaysNothingOfTheUser() {
        FaultDetail wrong = FaultMapper.map(new SoapFault("A security error was encountered",
                new WSSecurityException(WSSecurityException.ErrorCode.FAILED_AUTHENTICATION), Fault.FAULT_CODE_CLIENT));
        assertThat(wrong.getMessageZh()).isEqualTo("身份认证失败：用户名或密码不正确");
        assertThat(wrong.getMessageEn()).isEqualTo("Authentication failed: unknown user name or wrong password");

        FaultDetail malformed = FaultMapper.map(new SoapFault("A security error was encountered",
                new WSSecurityException(WSSecurityException.ErrorCode.INVALID_SECURITY_TOKEN, "badUsernameToken",
                        new Object[] {"Username is missing"}), Fault.FAULT_CODE_CLIENT));
        assertThat(malformed.getCode()).isEqualTo(FaultCode.UNAUTHENTICATED);
        assertThat(malformed.getMessageZh()).startsWith("WS-Security 安全头格式错误：").doesNotContain("Username is missing");
        assertThat(malformed.getMessageEn()).startsWith("Malformed WS-Security header: ");

        // thrown by the hub's validators as typed refusals, found anywhere in the chain
        FaultDetail replay = FaultMapper.map(new Fault(SecurityFaults.replayedNonce()));
        assertThat(replay.getCode()).isEqualTo(FaultCode.UNAUTHENTICATED);
        assertThat(replay.getMessageEn()).startsWith("Nonce already used");
    }

    @Test
    void soapsEnvelopeFaultsAreInvalidRequests() {
        SoapFault mustUnderstand = new SoapFault("MustUnderstand headers: [{urn:x}trace] are not understood.",
                new QName("http://schemas.xmlsoap.org/soap/envelope/", "MustUnderstand"));

        FaultDetail d = FaultMapper.map(mustUnderstand);
        assertThat(d.getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(d.getMessageEn()).startsWith("SOAP envelope not accepted").contains("{urn:x}trace");
    }

    @Test
    void requestsCxfCannotReadAreInvalidRequests() {
        Throwable malformed = catchThrowable(() -> readAll(new ByteArrayInputStream("<a><b></a>".getBytes(StandardCharsets.UTF_8))));
        assertThat(FaultMapper.map(new Fault(malformed)).getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(FaultMapper.map(new Fault(malformed)).getMessageEn()).startsWith("Request does not conform to the contract: ");

        Fault unknownOperation = new Fault(new org.apache.cxf.common.i18n.Message(
                "Unexpected wrapper element {urn:x}nothing found.   Expected {urn:degreehub:filing:v1}submitBatch.",
                (java.util.ResourceBundle) null));
        assertThat(FaultMapper.map(unknownOperation).getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(FaultMapper.map(unknownOperation).getMessageEn()).startsWith("Unknown operation or wrong namespace");
    }

    @Test
    void aParsersEnglishStaysInTheEnglishMessageAndTheChineseSaysWhatAndWhere() {
        // Woodstox, as CXF reads a request: the position comes from the exception's location
        Throwable mismatched = catchThrowable(() -> readAll(new ByteArrayInputStream(
                "<a>\n  <b></a>".getBytes(StandardCharsets.UTF_8))));
        FaultDetail woodstox = FaultMapper.map(new Fault(mismatched));
        assertThat(woodstox.getMessageZh()).isEqualTo("请求报文不符合接口规范：元素的开始标签与结束标签不匹配，位置：第 2 行第 8 列");
        assertThat(woodstox.getMessageEn()).startsWith("Request does not conform to the contract: Unexpected close tag");
        assertChineseOnly(woodstox.getMessageZh());

        // only the text has it: Woodstox's "[row,col]" ...
        FaultDetail character = FaultMapper.map(new Fault(new org.apache.cxf.common.i18n.Message(
                "Unexpected character 'x' (code 120) in prolog; expected '<'\n at [row,col {unknown-source}]: [3,15]",
                (java.util.ResourceBundle) null)));
        assertThat(character.getCode()).isEqualTo(FaultCode.INVALID_REQUEST);
        assertThat(character.getMessageZh()).isEqualTo("请求报文不符合接口规范：出现不允许的字符，位置：第 3 行第 15 列");
        assertThat(character.getMessageEn()).contains("Unexpected character 'x'");

        // ... or SAX's "lineNumber: 3; columnNumber: 15"
        FaultDetail value = FaultMapper.map(new Fault(new org.apache.cxf.common.i18n.Message(
                "Unmarshalling Error: lineNumber: 4; columnNumber: 22; cvc-datatype-valid.1.2.1: 'abc' is not a valid"
                        + " value for 'integer'.", (java.util.ResourceBundle) null)));
        assertThat(value.getMessageZh()).isEqualTo("请求报文不符合接口规范：字段的值不符合接口定义的格式或取值范围，位置：第 4 行第 22 列");
        assertChineseOnly(value.getMessageZh());

        // schema validation under JAXB: the element it names, the position the SAXParseException carries
        org.xml.sax.SAXParseException schema = new org.xml.sax.SAXParseException("cvc-complex-type.2.4.a: Invalid content"
                + " was found starting with element '{\"urn:degreehub:filing:v1\":batchNo}'. One of"
                + " '{\"urn:degreehub:filing:v1\":batchId}' is expected.", null, null, 3, 15);
        FaultDetail content = FaultMapper.map(new Fault(new UnmarshalException(schema)));
        assertThat(content.getMessageZh())
                .isEqualTo("请求报文不符合接口规范：出现接口未定义或位置不对的元素（元素 batchNo），位置：第 3 行第 15 列");
        assertThat(content.getMessageEn()).contains("Invalid content was found");
        assertChineseOnly(content.getMessageZh());

        FaultDetail missing = FaultMapper.map(new Fault(new UnmarshalException(new org.xml.sax.SAXParseException(
                "cvc-complex-type.2.4.b: The content of element 'f:getFilingReceiptRequest' is not complete.", null, null, 1, 80))));
        assertThat(missing.getMessageZh())
                .isEqualTo("请求报文不符合接口规范：缺少必需的元素或属性（元素 f:getFilingReceiptRequest），位置：第 1 行第 80 列");
    }

    @Test
    void aQueueDocumentsProblemIsToldInChineseAsWell() {
        // the check result a unit sends over the queue is read by JAXB outside CXF (check.CheckDocuments)
        String zh = FaultMapper.problemZh(new UnmarshalException(new org.xml.sax.SAXParseException(
                "cvc-enumeration-valid: Value 'MAYBE' is not facet-valid with respect to enumeration '[CONFIRMED,"
                        + " CORRECTED, NO_RECORD]'.", null, null, 5, 30)));
        assertThat(zh).isEqualTo("字段的值不符合接口定义的格式或取值范围，位置：第 5 行第 30 列");
        assertChineseOnly(zh);
    }

    @Test
    void unknownOperationsAndUnknownMandatoryHeadersAreNamedInChinese() {
        FaultDetail operation = FaultMapper.map(new Fault(new org.apache.cxf.common.i18n.Message(
                "Unexpected wrapper element {urn:x}nothing found.   Expected {urn:degreehub:filing:v1}submitBatch.",
                (java.util.ResourceBundle) null)));
        assertThat(operation.getMessageZh()).isEqualTo("未知的操作或错误的命名空间：请求体中的元素 {urn:x}nothing 不是本接口的操作");
        assertChineseOnly(operation.getMessageZh());

        FaultDetail header = FaultMapper.map(new SoapFault("MustUnderstand headers: [{urn:x}trace] are not understood.",
                new QName("http://schemas.xmlsoap.org/soap/envelope/", "MustUnderstand")));
        assertThat(header.getMessageZh())
                .isEqualTo("SOAP 信封不被接受：标为必须理解（mustUnderstand）的头 {urn:x}trace 不是本接口认识的头");
        FaultDetail version = FaultMapper.map(new SoapFault("Version mismatch",
                new QName("http://schemas.xmlsoap.org/soap/envelope/", "VersionMismatch")));
        assertThat(version.getMessageZh()).isEqualTo("SOAP 信封不被接受：本接口只接受 SOAP 1.1 信封");
    }

    /** No English word left in a Chinese message, but for names: the element's, SOAP, XML, Schema, UTF-8 ... */
    private static void assertChineseOnly(String zh) {
        String rest = zh.replaceAll("\\{[^}]*\\}[\\w.-]+|元素 [\\w.:-]+|SOAP|XML|Schema|UTF-8|mustUnderstand", "");
        assertThat(rest).as(zh).doesNotContainPattern("[A-Za-z]{2,}");
    }

    @Test
    void aBareCxfFaultThatSaysNothingKnownIsInternal() {
        Fault odd = new Fault(new org.apache.cxf.common.i18n.Message("Could not send Message.", (java.util.ResourceBundle) null));

        assertThat(FaultMapper.map(odd).getCode()).isEqualTo(FaultCode.INTERNAL);
    }

    @Test
    void aCycleInTheCauseChainEnds() {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b);

        assertThat(FaultMapper.map(a).getCode()).isEqualTo(FaultCode.INTERNAL);
        assertThat(FaultMapper.isPartnerError(a)).isFalse();
    }

    private static XMLStreamReader reader(byte[] doc) throws Exception {
        return StaxUtils.createXMLStreamReader(new ByteArrayInputStream(doc));
    }

    private static void readAll(InputStream in) throws Exception {
        // the parser CXF reads requests with, with its secure settings
        XMLStreamReader r = StaxUtils.createXMLStreamReader(in);
        while (r.hasNext()) {
            r.next();
        }
    }

    /** The request's stream as PayloadLimitInterceptor hands it to the parser. */
    private static InputStream limited(byte[] doc, int limit) {
        Message request = new MessageImpl();
        request.setContent(InputStream.class, new ByteArrayInputStream(doc));
        new PayloadLimitInterceptor(limit).handleMessage(request);
        return request.getContent(InputStream.class);
    }
}
