package cn.degreehub.binding;

import static org.assertj.core.api.Assertions.assertThat;

import cn.degreehub.contract.filing.FilingRecord;
import cn.degreehub.contract.types.FaultCode;
import cn.degreehub.contract.verification.BindDegreeRequest;
import cn.degreehub.contract.verification.BindDegreeResponse;
import cn.degreehub.contract.verification.BindRefusal;
import cn.degreehub.contract.verification.DegreeVerificationPortType;
import cn.degreehub.support.HubTestSupport;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * 学位绑定 over SOAP (docs/domain-rules.md, "Binding a degree"): a holder binds a published degree to their portal
 * account by certificate number and identity; failed attempts are limited per account; the service desk grants more,
 * audited.
 */
class BindingIT extends HubTestSupport {

    DegreeVerificationPortType portal() {
        return client(DegreeVerificationPortType.class, "/services/verification", "portal", "portal-pass", false);
    }

    static BindDegreeRequest bind(String account, FilingRecord r, String name) {
        BindDegreeRequest b = new BindDegreeRequest();
        b.setRequestId(unique("bind"));
        b.setHolderAccountId(account);
        b.setName(name);
        b.setIdType(r.getZJLXM());
        b.setIdNumber(r.getZJHM());
        b.setCertificateNumber(r.getXWZSBH());
        return b;
    }

    @Test
    void theHolderBindsAPublishedDegreeWithTheirIdentity() throws Exception {
        FilingRecord r = fileAndPublish(2021, 1).get(0);
        String account = unique("holder");
        BindDegreeResponse bound = portal().bindDegree(bind(account, r, " " + r.getXM() + " "));
        assertThat(bound.isBound()).isTrue();
        assertThat(bound.getReason()).isNull();
        assertThat(bound.getAttemptsLeft()).isEqualTo(5);
        assertThat(bound.getSummary().getCertificateNumber()).isEqualTo(r.getXWZSBH());
        assertThat(bound.getSummary().getIdNumber()).contains("*").doesNotContain(r.getZJHM().substring(6, 14));
        assertThat(count("SELECT COUNT(*) FROM degree_binding WHERE holder_account = ? AND certificate_number = ?",
                account, r.getXWZSBH())).isEqualTo(1);
        // binding it again is no new attempt and no second row
        assertThat(portal().bindDegree(bind(account, r, r.getXM())).isBound()).isTrue();
        assertThat(count("SELECT COUNT(*) FROM degree_binding WHERE holder_account = ?", account)).isEqualTo(1);
    }

    @Test
    void failedAttemptsRunOutAndTheServiceDeskGrantsMore() throws Exception {
        FilingRecord r = fileAndPublish(2021, 1).get(0);
        String account = unique("holder");
        DegreeVerificationPortType portal = portal();
        for (int left = 4; left >= 0; left--) {
            BindDegreeResponse wrong = portal.bindDegree(bind(account, r, "王" + r.getXM()));
            assertThat(wrong.isBound()).isFalse();
            assertThat(wrong.getReason()).isEqualTo(BindRefusal.NOT_MATCHED);
            assertThat(wrong.getAttemptsLeft()).isEqualTo(left);
            assertThat(wrong.getMessageZh()).contains("剩余尝试次数 " + left);
        }
        // the same request again answers the first answer and uses nothing
        BindDegreeRequest repeated = bind(account, r, r.getXM());
        BindDegreeResponse exhausted = portal.bindDegree(repeated);
        assertThat(exhausted.getReason()).isEqualTo(BindRefusal.NO_ATTEMPTS_LEFT);
        assertThat(exhausted.getAttemptsLeft()).isZero();
        assertThat(portal.bindDegree(repeated).getReason()).isEqualTo(BindRefusal.NO_ATTEMPTS_LEFT);
        // a malformed ID number is a fault and uses no attempt (there are none to use anyway)
        BindDegreeRequest malformed = bind(unique("holder"), r, r.getXM());
        malformed.setIdNumber(r.getZJHM().substring(0, 17) + (r.getZJHM().endsWith("1") ? "2" : "1"));
        assertThat(faultOf(() -> portal.bindDegree(malformed))).isEqualTo(FaultCode.INVALID_ID_NUMBER);

        // the service desk: a reason is required; a portal account may not grant
        assertThat(rest("POST", "/admin/api/bindings/" + account + "/attempts", "{\"attempts\":2}", "reviewer", 400)
                .get("field").asText()).isEqualTo("reason");
        assertThat(http("POST", "/admin/api/bindings/" + account + "/attempts",
                "{\"attempts\":2,\"reason\":\"x\"}", "portal").statusCode()).isIn(401, 403);
        JsonNode granted = rest("POST", "/admin/api/bindings/" + account + "/attempts",
                "{\"attempts\":2,\"reason\":\"持证人来电，核实身份后追加\"}", "reviewer", 200);
        assertThat(granted.get("attemptsLeft").asInt()).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM audit_log WHERE action = 'BINDING_GRANT' AND target = ? AND actor = 'reviewer'",
                account)).isEqualTo(1);

        BindDegreeResponse bound = portal.bindDegree(bind(account, r, r.getXM()));
        assertThat(bound.isBound()).isTrue();
        assertThat(bound.getAttemptsLeft()).isEqualTo(2);
        JsonNode after = rest("GET", "/admin/api/bindings/" + account, null, "reviewer", 200);
        assertThat(after.get("failedAttempts").asInt()).isEqualTo(5);
        assertThat(after.get("bound").toString()).contains(r.getXWZSBH());
    }

    @Test
    void onlyAPublishedDegreeOfThatHolderBinds() throws Exception {
        List<FilingRecord> filed = file(2021, 2); // approved, not yet published
        String account = unique("holder");
        BindDegreeResponse unpublished = portal().bindDegree(bind(account, filed.get(0), filed.get(0).getXM()));
        assertThat(unpublished.getReason()).isEqualTo(BindRefusal.NOT_MATCHED);
        publishNow();
        // another person's identity with this certificate number does not bind it
        BindDegreeRequest someoneElse = bind(account, filed.get(0), filed.get(0).getXM());
        someoneElse.setIdNumber(filed.get(1).getZJHM());
        assertThat(portal().bindDegree(someoneElse).getReason()).isEqualTo(BindRefusal.NOT_MATCHED);
        BindDegreeResponse published = portal().bindDegree(bind(account, filed.get(0), filed.get(0).getXM()));
        assertThat(published.isBound()).isTrue();
        assertThat(published.getAttemptsLeft()).isEqualTo(3);
    }
}
