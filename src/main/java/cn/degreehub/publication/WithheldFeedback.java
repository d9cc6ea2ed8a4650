package cn.degreehub.publication;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Paging;
import cn.degreehub.contract.filing.GetWithheldFeedbackRequest;
import cn.degreehub.contract.filing.GetWithheldFeedbackResponse;
import cn.degreehub.contract.filing.WithheldReason;
import cn.degreehub.contract.filing.WithheldRecord;
import cn.degreehub.filing.Semester;
import cn.degreehub.partner.Account;
import cn.degreehub.partner.PartnerRegistry;
import cn.degreehub.partner.Role;
import org.springframework.jdbc.core.JdbcTemplate;

/** Withheld records fed back to a province (all its units) or to one unit, per semester, page by page. */
public class WithheldFeedback {

    private final JdbcTemplate jdbc;
    private final PartnerRegistry registry;

    public WithheldFeedback(JdbcTemplate jdbc, PartnerRegistry registry) {
        this.jdbc = jdbc;
        this.registry = registry;
    }

    public GetWithheldFeedbackResponse feedback(Account account, GetWithheldFeedbackRequest request) {
        String semester = Semester.parse(request.getSemester()).map(Semester::toString).orElseThrow(() ->
                DegreeHubException.invalid("semester", "学期格式应为 2025-2026-1", "Semester must look like 2025-2026-1"));
        String column;
        String value;
        if (request.getUnitCode() != null) {
            column = "xwsydwm";
            value = request.getUnitCode();
            boolean own = registry.unit(value).map(u -> u.province().equals(account.provinceCode())).orElse(false)
                    && (account.role() == Role.PROVINCE || value.equals(account.unitCode()));
            if (!own) {
                throw DegreeHubException.forbidden("无权查看单位 " + value + " 的反馈", "No access to feedback of unit " + value);
            }
        } else {
            column = "province_code";
            value = request.getProvinceCode();
            if (account.role() != Role.PROVINCE || !value.equals(account.provinceCode())) {
                throw DegreeHubException.forbidden("无权查看省份 " + value + " 的反馈", "No access to feedback of province " + value);
            }
        }
        Paging paging = Paging.of(request.getPaging());
        String where = " FROM degree_record WHERE status = 'WITHHELD' AND semester = ? AND " + column + " = ?";
        GetWithheldFeedbackResponse response = new GetWithheldFeedbackResponse();
        response.setTotal(jdbc.queryForObject("SELECT COUNT(*)" + where, Integer.class, semester, value));
        response.setPage(paging.page());
        response.setPageSize(paging.size());
        jdbc.query("SELECT xwzsbh, xm, xwsydwm, semester, withheld_reason, withheld_detail" + where
                + " ORDER BY xwzsbh OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", rs -> {
                    WithheldRecord r = new WithheldRecord();
                    r.setXWZSBH(rs.getString(1));
                    r.setXM(rs.getString(2));
                    r.setUnitCode(rs.getString(3));
                    r.setSemester(rs.getString(4));
                    WithheldReason reason = WithheldReason.fromValue(rs.getString(5));
                    r.setReason(reason);
                    r.setDetail(rs.getString(6));
                    r.setMessageZh(switch (reason) {
                        case CLASSIFIED -> "涉密记录, 不在网上公开";
                        case INCOMPLETE -> "关键信息不完整或不准确, 请更正后重新报送";
                        case POLICY_REVIEW -> "涉嫌违反国家学位政策, 待审查";
                        case HONORARY -> "名誉博士学位不在网上公开";
                    });
                    r.setMessageEn(switch (reason) {
                        case CLASSIFIED -> "Classified record, not published online";
                        case INCOMPLETE -> "Key information incomplete or inaccurate: correct it and file again";
                        case POLICY_REVIEW -> "Suspected of violating national degree policy, under review";
                        case HONORARY -> "Honorary doctorates are not published online";
                    });
                    response.getRecord().add(r);
                }, semester, value, paging.offset(), paging.size());
        return response;
    }
}
