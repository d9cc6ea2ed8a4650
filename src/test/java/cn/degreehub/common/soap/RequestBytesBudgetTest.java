package cn.degreehub.common.soap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.ServletRequest;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestBytesBudgetTest {

    static MockHttpServletRequest post(byte[] body, boolean declared) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/services/verification") {
            @Override
            public long getContentLengthLong() {
                return declared ? super.getContentLengthLong() : -1;
            }
        };
        request.setContent(body);
        return request;
    }

    @Test
    void aRequestThatDoesNotFitWhileOthersAreReadIsRefusedAtOnceAndFitsAfterwards() throws Exception {
        RequestBytesBudget budget = new RequestBytesBudget(1_000, 10_000);
        AtomicReference<MockHttpServletResponse> second = new AtomicReference<>();
        // the second request arrives while the first (600 bytes) is being read
        budget.doFilter(post(new byte[600], true), new MockHttpServletResponse(), (req, res) -> {
            assertThat(budget.reserved()).isEqualTo(600);
            MockHttpServletResponse refused = new MockHttpServletResponse();
            budget.doFilter(post(new byte[500], true), refused, new MockFilterChain());
            second.set(refused);
        });
        assertThat(second.get().getStatus()).isEqualTo(503);
        assertThat(second.get().getHeader("Retry-After")).isEqualTo("1");
        assertThat(second.get().getContentAsString()).contains("<code>RATE_LIMITED</code>");
        assertThat(budget.reserved()).isZero();

        MockHttpServletResponse later = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        budget.doFilter(post(new byte[500], true), later, chain);
        assertThat(later.getStatus()).isEqualTo(200);
        assertThat(chain.getRequest()).as("passed on").isNotNull();
    }

    @Test
    void oneRequestAloneAlwaysFitsHoweverLarge() throws Exception {
        RequestBytesBudget budget = new RequestBytesBudget(1_000, 10_000);
        MockFilterChain chain = new MockFilterChain();
        budget.doFilter(post(new byte[5_000], true), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void aChunkedRequestReservesWhatItReadsAndFailsPastTheBudget() throws Exception {
        RequestBytesBudget budget = new RequestBytesBudget(200 * 1024, 10_000_000);
        AtomicReference<Long> whileReading = new AtomicReference<>();
        budget.doFilter(post(new byte[100 * 1024], false), new MockHttpServletResponse(), (req, res) -> {
            req.getInputStream().readAllBytes();
            whileReading.set(budget.reserved());
            // another chunked request now finds the budget spent once it has read past what is left
            assertThatThrownBy(() -> budget.doFilter(post(new byte[150 * 1024], false), new MockHttpServletResponse(),
                    (ServletRequest r, jakarta.servlet.ServletResponse s) -> r.getInputStream().readAllBytes()))
                    .isInstanceOf(IOException.class).hasMessageContaining("RATE_LIMITED");
        });
        assertThat(whileReading.get()).isEqualTo(128 * 1024);
        assertThat(budget.reserved()).isZero();
    }

    @Test
    void readsAndOtherMethodsAreNotCounted() throws Exception {
        RequestBytesBudget budget = new RequestBytesBudget(1, 10);
        MockFilterChain chain = new MockFilterChain();
        budget.doFilter(new MockHttpServletRequest("GET", "/services/verification"), new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }
}
