package cn.degreehub.report;

import cn.degreehub.common.ChinaTime;
import cn.degreehub.common.DegreeHubException;
import cn.degreehub.common.Masking;
import cn.degreehub.common.RateLimiter;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * The verification address of a report (printed and in its QR code): anyone holding the code sees the
 * report's status and, while it is valid, a masked summary, free of charge; look-ups are rate-limited per client
 * address. A person (a browser, or any caller that does not prefer JSON) gets a bilingual page, a program asking
 * for JSON gets JSON. Every answer under /verify, errors included, comes from here, so none falls to the
 * application's /error handling (docs/domain-rules.md, "Reports").
 */
@RestController
public class PublicVerificationController {

    private static final Logger log = LoggerFactory.getLogger(PublicVerificationController.class);
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ReportService reports;
    private final RateLimiter webLookups;
    private final ITemplateEngine templates;
    private final String css;
    /** Only the page's own stylesheet (by its hash): no script, no other source, not framed, no form. */
    private final String contentSecurityPolicy;

    public PublicVerificationController(ReportService reports, @Qualifier("webLookupRateLimiter") RateLimiter webLookups,
                                        ITemplateEngine templates) {
        this.reports = reports;
        this.webLookups = webLookups;
        this.templates = templates;
        this.css = stylesheet();
        this.contentSecurityPolicy = "default-src 'none'; style-src '" + sha256(css) + "'; base-uri 'none';"
                + " form-action 'none'; frame-ancestors 'none'";
    }

    @GetMapping("/verify/{code}")
    public ResponseEntity<?> verify(@PathVariable String code, @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
            String accept, HttpServletRequest http) {
        boolean json = prefersJson(accept);
        if (!code.matches("[0-9A-Za-z]{8,32}")) {
            return answer(json, HttpStatus.BAD_REQUEST, "BAD_CODE", Map.of("error", "INVALID_REQUEST",
                    "messageZh", "验证码格式不正确", "messageEn", "Not a verification code"), Map.of());
        }
        Optional<Report> found;
        try {
            webLookups.acquire(http.getRemoteAddr());
            found = reports.find(null, code);
        } catch (DegreeHubException e) {
            return answer(json, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED", Map.of("error", e.code().value(),
                    "messageZh", e.messageZh(), "messageEn", e.messageEn()),
                    Map.of("messageZh", e.messageZh(), "messageEn", e.messageEn()));
        }
        if (found.isEmpty()) {
            return answer(json, HttpStatus.OK, "NOT_FOUND", Map.of("reportStatus", "NOT_FOUND"), Map.of());
        }
        Report r = found.get();
        ReportState state = reports.state(r);
        Map<String, Object> body = new LinkedHashMap<>();
        Map<String, Object> page = new HashMap<>();
        body.put("reportStatus", state.value());
        body.put("reportNo", r.reportNo());
        page.put("reportNo", r.reportNo());
        if (state == ReportState.VALID) {
            // the same masked summary as verifyReport over SOAP; only a valid report shows what it says
            body.put("result", r.result());
            body.put("issuedAt", ChinaTime.timestamp(r.issuedAt()));
            body.put("validUntil", r.validUntil().toString());
            body.put("holderName", Masking.name(r.holderName()));
            body.put("idNumber", Masking.idNumber(r.idNumber()));
            body.put("unit", r.unitName() + " (" + r.unitCode() + ")");
            body.put("level", r.level().name());
            body.put("awardDate", r.awardDate().toString());
            body.put("certificateNumber", r.certificateNumber());
            Map<String, Object> summary = new HashMap<>(body);
            summary.put("issuedAt", MINUTE.format(r.issuedAt().atZone(ChinaTime.ZONE)));
            summary.put("levelZh", r.level().zh());
            summary.put("levelEn", r.level().en());
            page.put("summary", summary);
        } else if (state == ReportState.REVOKED) {
            // staff write the reason as free text: an ID number in it is masked like everywhere else
            reports.revocationReason(r).map(Masking::idNumbersIn).ifPresent(reason -> {
                body.put("revocationReason", reason);
                page.put("revocationReason", reason);
            });
            if (r.supersededBy() != null) {
                body.put("supersededBy", r.supersededBy());
                page.put("supersededBy", r.supersededBy());
            }
        }
        return answer(json, HttpStatus.OK, state.value(), body, page);
    }

    /**
     * Any other path or method under /verify: answered here, as a page or JSON, rather than by /error. (GET of
     * one code is the more specific mapping above, so it never lands here.)
     */
    @RequestMapping({"/verify", "/verify/**"})
    public ResponseEntity<?> other(@RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
                                   HttpServletRequest http) {
        boolean json = prefersJson(accept);
        String method = http.getMethod();
        boolean oneCode = http.getRequestURI().substring(http.getContextPath().length()).matches("/verify/[^/]+");
        if (oneCode && !"GET".equals(method) && !"HEAD".equals(method)) {
            return answer(json, HttpStatus.METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED",
                    Map.of("error", "METHOD_NOT_ALLOWED", "messageZh", "只支持 GET", "messageEn", "Only GET is supported"),
                    Map.of(), HttpHeaders.ALLOW, "GET, HEAD");
        }
        return answer(json, HttpStatus.NOT_FOUND, "NO_SUCH_PAGE", Map.of("error", "NOT_FOUND",
                "messageZh", "页面不存在", "messageEn", "No such page"), Map.of());
    }

    /** A failure while answering (the database away): still a page or JSON of its own, with the cause logged. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<?> failed(Exception e, HttpServletRequest http) {
        log.error("Public verification of {} failed", Masking.idNumbersIn(http.getRequestURI()), e);
        return answer(prefersJson(http.getHeader(HttpHeaders.ACCEPT)), HttpStatus.INTERNAL_SERVER_ERROR, "ERROR",
                Map.of("error", "INTERNAL_ERROR", "messageZh", "暂时无法验证，请稍后再试",
                        "messageEn", "Verification is unavailable, please try again later"), Map.of());
    }

    private ResponseEntity<?> answer(boolean json, HttpStatus status, String verdict, Map<String, ?> body,
                                     Map<String, ?> page, String... headers) {
        ResponseEntity.BodyBuilder response = ResponseEntity.status(status)
                // a page or an answer about a person's degree is kept by no cache, shared or the browser's
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            response.header(headers[i], headers[i + 1]);
        }
        if (json) {
            return response.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        Map<String, Object> variables = new HashMap<>(page);
        variables.put("verdict", verdict);
        variables.put("css", css);
        String html = templates.process("verify/page", new Context(Locale.SIMPLIFIED_CHINESE, variables));
        return response.header("Content-Security-Policy", contentSecurityPolicy)
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(html);
    }

    /**
     * JSON only for a caller that prefers it to HTML: it names JSON with a higher quality, or more precisely
     * (application/json next to a wildcard). No Accept header, a browser's, text/html, application/xml or a bare
     * wildcard get the page, so no Accept header ever meets a 406.
     */
    static boolean prefersJson(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        Match json = best(types, MediaType.APPLICATION_JSON);
        Match html = best(types, MediaType.TEXT_HTML);
        if (json.quality() != html.quality()) {
            return json.quality() > html.quality();
        }
        return json.quality() > 0 && json.precision() > html.precision();
    }

    private record Match(double quality, int precision) {
    }

    /** The quality of the most precise range in the header that includes {@code type}, as RFC 9110 12.5.1 says. */
    private static Match best(List<MediaType> accepted, MediaType type) {
        Match best = new Match(0, -1);
        for (MediaType range : accepted) {
            if (!range.includes(type)) {
                continue;
            }
            int precision = range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
            if (precision > best.precision()) {
                best = new Match(range.getQualityValue(), precision);
            }
        }
        return best;
    }

    private static String stylesheet() {
        try (InputStream in = new ClassPathResource("templates/verify/page.css").getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A CSP source naming exactly this inline stylesheet. */
    private static String sha256(String text) {
        try {
            return "sha256-" + Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
