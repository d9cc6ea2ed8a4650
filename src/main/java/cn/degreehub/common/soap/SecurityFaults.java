package cn.degreehub.common.soap;

import cn.degreehub.common.DegreeHubException;
import cn.degreehub.contract.types.FaultCode;
import java.time.Duration;
import org.apache.wss4j.common.ext.WSSecurityException;

/**
 * The faults of a refused WS-Security header, all UNAUTHENTICATED, each naming its cause in Chinese and English
 * (docs/partner-interfaces.md, "SOAP: WS-Security UsernameToken"). A wrong password and an unknown user name get
 * the same words: a caller cannot learn which names exist. The hub's validators throw these; what WSS4J refuses
 * on its own reaches {@link #of(WSSecurityException)}.
 */
public final class SecurityFaults {

    /** Where a partner's text is quoted in an English message, no more of it than this. */
    private static final int MAX_QUOTED = 120;

    private SecurityFaults() {
    }

    public static DegreeHubException wrongCredentials() {
        return refusal("身份认证失败：用户名或密码不正确", "Authentication failed: unknown user name or wrong password");
    }

    public static DegreeHubException missingToken() {
        return refusal("缺少身份认证信息：请求须在 SOAP 头的 wsse:Security 中携带 wsse:UsernameToken",
                "No wsse:UsernameToken: every request must carry one in a wsse:Security SOAP header");
    }

    /**
     * @param whatZh what is wrong, in Chinese
     * @param whatEn the same in English (may quote WSS4J's text)
     */
    public static DegreeHubException malformedHeader(String whatZh, String whatEn) {
        return refusal("WS-Security 安全头格式错误：" + whatZh, "Malformed WS-Security header: " + quote(whatEn));
    }

    public static DegreeHubException unsupportedPasswordType(String type) {
        return refusal("不支持的密码类型：wsse:Password 的 Type 须为 PasswordText 或 PasswordDigest（不写 Type 即为 PasswordText）",
                "Unsupported password type " + quote(type) + ": wsse:Password's Type must be PasswordText or"
                        + " PasswordDigest (no Type means PasswordText)");
    }

    public static DegreeHubException replayedNonce() {
        return refusal("随机数（wsse:Nonce）已被使用过，请求被视为重放；每个请求须使用新的随机数",
                "Nonce already used: the request is taken for a replay; every request needs a fresh wsse:Nonce");
    }

    /** @param element "wsu:Timestamp" or "wsse:UsernameToken" */
    public static DegreeHubException createdInFuture(String element, Duration skew) {
        return refusal(element + " 的创建时间（Created）晚于服务器当前时间超过允许的时钟偏差（" + skew.toSeconds()
                        + " 秒），请校准发送方时钟",
                element + " Created is later than the hub's time by more than the allowed clock skew ("
                        + skew.toSeconds() + " s); check the sender's clock");
    }

    public static DegreeHubException timestampExpired(Duration skew) {
        return refusal("wsu:Timestamp 已过期（Expires 早于服务器当前时间，允许的时钟偏差为 " + skew.toSeconds()
                        + " 秒），请用新的时间戳重新发送",
                "wsu:Timestamp expired (Expires is before the hub's time, allowed clock skew " + skew.toSeconds()
                        + " s); send the request again with a fresh Timestamp");
    }

    /** @param element "wsu:Timestamp" (one without Expires) or "wsse:UsernameToken" */
    public static DegreeHubException createdTooLongAgo(String element, Duration maxAge) {
        return refusal(element + " 的创建时间（Created）早于 " + maxAge.toSeconds() + " 秒前，已失效，请重新生成后发送",
                element + " Created is more than " + maxAge.toSeconds() + " s old; send the request again with a"
                        + " fresh one");
    }

    /** What WSS4J refused itself (a token or header it could not read, or a password it refused). */
    public static DegreeHubException of(WSSecurityException e) {
        WSSecurityException.ErrorCode code = e.getErrorCode();
        if (code == WSSecurityException.ErrorCode.FAILED_AUTHENTICATION) {
            return wrongCredentials();
        }
        if (code == WSSecurityException.ErrorCode.MESSAGE_EXPIRED) {
            return refusal("安全头中的时间已失效或晚于服务器当前时间", "Security header expired or created in the future");
        }
        return malformedHeader("无法按 WS-Security UsernameToken 规范解析", String.valueOf(e.getMessage()));
    }

    private static DegreeHubException refusal(String zh, String en) {
        return new DegreeHubException(FaultCode.UNAUTHENTICATED, zh, en);
    }

    private static String quote(String text) {
        if (text == null) {
            return "(none)";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() > MAX_QUOTED ? oneLine.substring(0, MAX_QUOTED) + "…" : oneLine;
    }
}
