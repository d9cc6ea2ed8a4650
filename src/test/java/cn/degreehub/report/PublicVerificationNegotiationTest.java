package cn.degreehub.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Who gets JSON from /verify: only a caller that prefers it to HTML (PublicVerificationController). */
class PublicVerificationNegotiationTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NONE", value = {
            "NONE | false",
            "'' | false",
            "*/* | false",
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8 | false",
            "application/xml | false",
            "text/plain | false",
            "application/json, text/html | false",
            "application/json;q=0.5, text/html | false",
            "not a media type | false",
            "application/json | true",
            "application/json;charset=UTF-8 | true",
            "application/json, */* | true",
            "application/*, text/html;q=0.5 | true",
            "text/html;q=0.1, application/json | true",
            "*/*, text/html;q=0 | true"})
    void jsonOnlyForACallerThatPrefersIt(String accept, boolean json) {
        assertThat(PublicVerificationController.prefersJson(accept)).as(accept).isEqualTo(json);
    }
}
